// -*- c++ -*-
#ifndef NETSERV_ETHERVLANENCAP_HH
#define NETSERV_ETHERVLANENCAP_HH
#include <click/element.hh>
#include <click/etheraddress.hh>
CLICK_DECLS
/*
=c

EtherVLANEncap(ETHERTYPE, SRC, DST [, VLAN_TCI, VLAN_PCP, I<keywords> VLAN_ID, NATIVE_VLAN])

=s ethernet

encapsulates packets in an 802.1Q VLAN Ethernet header

=d

Prepends an 18-byte header: DST, SRC, 0x8100, the tag, ETHERTYPE. The tag is
VLAN_TCI (0-0xFFFF), or VLAN_ID (0-4095, default 0) with priority VLAN_PCP
(0-7, default 0), or with VLAN_TCI C<ANNO> the packet's VLAN TCI annotation.
Packets whose VLAN ID equals NATIVE_VLAN (default 0; -1 means none) get a
plain 14-byte Ethernet header instead.

=h config read-only

The configuration: "SRC, DST, ETHERTYPE, VLAN_TCI or ANNO, NATIVE_VLAN".

=a EtherEncap, VLANEncap, StripEtherVLANHeader, SetVLANAnno
*/
class EtherVLANEncap : public Element {
 public:
  const char* class_name() const override { return "EtherVLANEncap"; }
  const char* port_count() const override { return PORTS_1_1; }
  int configure(Vector<String>& conf, ErrorHandler* errh) override;
  void add_handlers() override;
  Packet* simple_action(Packet* p) override;
 private:
  EtherAddress src_, dst_;
  uint16_t ethertype_ = 0;   // host order
  uint16_t tci_ = 0;         // host order
  bool use_anno_ = false;
  int native_vlan_ = 0;      // -1: every packet is tagged
};
CLICK_ENDDECLS
#endif
