// -*- c++ -*-
#ifndef NETSERV_VLANENCAP_HH
#define NETSERV_VLANENCAP_HH
#include <click/element.hh>
CLICK_DECLS
/*
=c
VLANEncap(VLAN_ID [, VLAN_PCP, I<keywords> ETHERTYPE, NATIVE_VLAN])
=s ethernet
pushes an 802.1Q header
=d
Expects Ethernet frames; inserts an 802.1Q tag (type ETHERTYPE, default
0x8100) after the source address, with VLAN ID VLAN_ID (0-4095) and priority
VLAN_PCP (0-7, default 0). VLAN_ID C<ANNO> takes the tag from the VLAN TCI
annotation. Frames for the NATIVE_VLAN leave untagged.
=k
=item NATIVE_VLAN
VLAN ID sent untagged (for C<ANNO>, 0 is "no VLAN"). Default 0.
=h vlan_tci read/write
The tag (ID and PCP) as a number.
=a VLANDecap, SetVLANAnno, EtherVLANEncap
*/
class VLANEncap : public Element {
 public:
  const char* class_name() const override { return "VLANEncap"; }
  const char* port_count() const override { return PORTS_1_1; }
  int configure(Vector<String>& conf, ErrorHandler* errh) override;
  void add_handlers() override;
  Packet* simple_action(Packet* p) override;
 private:
  bool anno_ = false;
  uint16_t tci_ = 0, ethertype_ = 0x8100;
  int native_ = 0;
};
CLICK_ENDDECLS
#endif
