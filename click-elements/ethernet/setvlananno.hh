// -*- c++ -*-
#ifndef NETSERV_SETVLANANNO_HH
#define NETSERV_SETVLANANNO_HH
#include <click/element.hh>
CLICK_DECLS
/*
=c
SetVLANAnno(VLAN_ID [, VLAN_PCP])
=s ethernet
sets VLAN annotation
=d
Sets the VLAN TCI annotation (VLAN ID 0-4095, priority 0-7, default 0), for
VLANEncap(ANNO).
=a VLANEncap, VLANDecap
*/
class SetVLANAnno : public Element {
 public:
  const char* class_name() const override { return "SetVLANAnno"; }
  const char* port_count() const override { return PORTS_1_1; }
  int configure(Vector<String>& conf, ErrorHandler* errh) override;
  Packet* simple_action(Packet* p) override { p->set_anno_u16(VLAN_TCI_ANNO_OFFSET, htons(tci_)); return p; }
 private:
  uint16_t tci_ = 0;
};
CLICK_ENDDECLS
#endif
