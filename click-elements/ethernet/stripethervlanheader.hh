// -*- c++ -*-
#ifndef NETSERV_STRIPETHERVLANHEADER_HH
#define NETSERV_STRIPETHERVLANHEADER_HH
#include <click/element.hh>
CLICK_DECLS
/*
=c

StripEtherVLANHeader([NATIVE_VLAN])

=s ethernet

strips 802.1Q VLAN Ethernet header

=d

For a frame with an 802.1Q tag (type 0x8100): sets the VLAN TCI annotation
to the tag and strips the 18-byte header. For an untagged frame: sets the
annotation to NATIVE_VLAN (default 0) and strips 14 bytes; if NATIVE_VLAN is
negative, untagged frames go to output 1 (dropped if absent) instead.

=a EtherVLANEncap, VLANDecap, Strip
*/
class StripEtherVLANHeader : public Element {
 public:
  const char* class_name() const override { return "StripEtherVLANHeader"; }
  const char* port_count() const override { return "1/1-2"; }
  const char* processing() const override { return PROCESSING_A_AH; }
  int configure(Vector<String>& conf, ErrorHandler* errh) override;
  Packet* simple_action(Packet* p) override;
 private:
  int native_vlan_ = 0;
};
CLICK_ENDDECLS
#endif
