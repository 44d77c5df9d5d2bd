// -*- c++ -*-
#ifndef NETSERV_ETHERENCAP_HH
#define NETSERV_ETHERENCAP_HH
#include <click/element.hh>
#include <click/etheraddress.hh>
#include <arpa/inet.h>
#include <cstring>
CLICK_DECLS
/*
=c

EtherEncap(ETHERTYPE, SRC, DST)

=s ethernet

encapsulates packets in Ethernet header

=d

Encapsulates each packet in the Ethernet header specified by its arguments.
ETHERTYPE should be in host order.

=e

Encapsulate packets in an Ethernet header with type ETHERTYPE_IP (0x0800),
source address 1:1:1:1:1:1, and destination address 2:2:2:2:2:2:

  EtherEncap(0x0800, 1:1:1:1:1:1, 2:2:2:2:2:2)

=h src read/write

Return or set the SRC parameter.

=h dst read/write

Return or set the DST parameter.

=h ethertype read/write

Return or set the ETHERTYPE parameter.

=a EtherVLANEncap, ARPQuerier, EnsureEther, StoreEtherAddress
*/
class EtherEncap : public Element {
 public:
  const char* class_name() const override { return "EtherEncap"; }
  const char* port_count() const override { return PORTS_1_1; }
  int configure(Vector<String>& conf, ErrorHandler* errh) override;
  bool can_live_reconfigure() const override { return true; }
  void add_handlers() override;
  Packet* simple_action(Packet* p) override;
 private:
  uint16_t ethertype_ = 0;
  EtherAddress src_, dst_;
};
CLICK_ENDDECLS
#endif
