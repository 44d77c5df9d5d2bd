// -*- c++ -*-
#ifndef NETSERV_VLANDECAP_HH
#define NETSERV_VLANDECAP_HH
#include <click/element.hh>
CLICK_DECLS
/*
=c
VLANDecap([ANNO, I<keyword> ETHERTYPE])
=s ethernet
strips an 802.1Q header
=d
Removes the 802.1Q tag (type ETHERTYPE, default 0x8100) of tagged Ethernet frames and, when ANNO
is true (the default), stores it in the VLAN TCI annotation; an untagged
frame passes unchanged and gets annotation 0.
=a VLANEncap, SetVLANAnno
*/
class VLANDecap : public Element {
 public:
  const char* class_name() const override { return "VLANDecap"; }
  const char* port_count() const override { return PORTS_1_1; }
  int configure(Vector<String>& conf, ErrorHandler* errh) override;
  Packet* simple_action(Packet* p) override;
 private:
  bool anno_ = true;
  uint16_t ethertype_ = 0x8100;
};
CLICK_ENDDECLS
#endif
