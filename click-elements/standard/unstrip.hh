// -*- c++ -*-
#ifndef NETSERV_UNSTRIP_HH
#define NETSERV_UNSTRIP_HH
#include <click/element.hh>
CLICK_DECLS
/*
=c

Unstrip(LENGTH)

=s basicmod

unstrips bytes from front of packets

=d

Put LENGTH bytes at the front of the packet. These LENGTH bytes may be bytes
previously removed by Strip (they are restored as they were).

=e

Use this to get back the Ethernet header after Strip(14):

  Unstrip(14)

=h length read-only

Returns LENGTH.

=a EtherEncap, IPEncap, Strip
*/
class Unstrip : public Element {
 public:
  const char* class_name() const override { return "Unstrip"; }
  const char* port_count() const override { return PORTS_1_1; }
  int configure(Vector<String>& conf, ErrorHandler* errh) override;
  void add_handlers() override;
  Packet* simple_action(Packet* p) override { return p->nonunique_push(nbytes_); }
 private:
  uint32_t nbytes_ = 0;
};
CLICK_ENDDECLS
#endif
