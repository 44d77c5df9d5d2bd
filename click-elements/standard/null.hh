// -*- c++ -*-
#ifndef NETSERV_NULL_HH
#define NETSERV_NULL_HH
#include <click/element.hh>

CLICK_DECLS
/*
=c

Null

=s basictransfer

null element: passes packets unchanged

=d

Just passes packets along without doing anything else.

=a PushNull, PullNull
*/
class Null : public Element {
 public:
  const char* class_name() const override { return "Null"; }
  const char* port_count() const override { return PORTS_1_1; }
  Packet* simple_action(Packet* p) override { return p; }
};
CLICK_ENDDECLS
#endif
