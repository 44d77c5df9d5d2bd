// -*- c++ -*-
#ifndef NETSERV_ETHERREWRITE_HH
#define NETSERV_ETHERREWRITE_HH
#include <click/element.hh>
#include <click/etheraddress.hh>
CLICK_DECLS
/*
=c

EtherRewrite(SRC, DST)

=s ethernet

rewrite source and destination Ethernet address

=d

Rewrites the source and destination Ethernet addresses of the packet's
Ethernet header (the first 12 bytes of the packet data) to SRC and DST.
Packets shorter than 12 bytes are dropped.

=h src read/write

Return or set the SRC parameter.

=h dst read/write

Return or set the DST parameter.

=a EtherEncap, StoreEtherAddress
*/
class EtherRewrite : public Element {
 public:
  const char* class_name() const override { return "EtherRewrite"; }
  const char* port_count() const override { return PORTS_1_1; }
  int configure(Vector<String>& conf, ErrorHandler* errh) override;
  bool can_live_reconfigure() const override { return true; }
  void add_handlers() override;
  Packet* simple_action(Packet* p) override;
 private:
  EtherAddress src_, dst_;
};
CLICK_ENDDECLS
#endif
