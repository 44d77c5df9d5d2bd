// -*- c++ -*-
#ifndef NETSERV_STRIP_HH
#define NETSERV_STRIP_HH
#include <click/element.hh>
CLICK_DECLS
/*
=c

Strip(LENGTH)

=s basicmod

strips bytes from front of packets

=d

Deletes the first LENGTH bytes from each packet (all of it if it is shorter).

=e

Use this to get rid of the Ethernet header:

  Strip(14)

=h length read-only

Returns LENGTH.

=a StripToNetworkHeader, Unstrip, EtherEncap
*/
class Strip : public Element {
 public:
  const char* class_name() const override { return "Strip"; }
  const char* port_count() const override { return PORTS_1_1; }
  int configure(Vector<String>& conf, ErrorHandler* errh) override;
  void add_handlers() override;
  Packet* simple_action(Packet* p) override { p->pull(nbytes_); return p; }
 private:
  uint32_t nbytes_ = 0;
};
CLICK_ENDDECLS
#endif
