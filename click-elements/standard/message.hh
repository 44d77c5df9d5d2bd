// -*- c++ -*-
#ifndef NETSERV_MESSAGE_HH
#define NETSERV_MESSAGE_HH
#include <click/element.hh>
CLICK_DECLS
/*
=c
Message(MESSAGE [, TYPE])
=s debugging
prints a message on configuration
=d
Prints MESSAGE, in the configuration's error context, when the router is
configured. TYPE is C<MESSAGE> (the default), C<WARNING> or C<ERROR>; an
error stops the configuration from starting.
=a Error
*/
class Message : public Element {
 public:
  const char* class_name() const override { return "Message"; }
  int configure(Vector<String>& conf, ErrorHandler* errh) override;
};
CLICK_ENDDECLS
#endif
