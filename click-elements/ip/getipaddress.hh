// -*- c++ -*-
#ifndef NETSERV_GETIPADDRESS_HH
#define NETSERV_GETIPADDRESS_HH
#include <click/element.hh>
#include <cstring>
CLICK_DECLS
/*
=c

GetIPAddress(OFFSET [, I<keywords> ANNO])

=s ip

sets destination IP address annotation from packet data

=d

Copies 4 bytes from the packet, starting at OFFSET, to the destination IP
address annotation (or the annotation at byte offset ANNO). OFFSET is usually
16, to fetch the destination address from an IP packet. Packets too short are
dropped.

=a SetIPAddress, StoreIPAddress
*/
class GetIPAddress : public Element {
 public:
  const char* class_name() const override { return "GetIPAddress"; }
  const char* port_count() const override { return PORTS_1_1; }
  int configure(Vector<String>& conf, ErrorHandler* errh) override {
    return Args(conf, this, errh).read_mp("OFFSET", offset_).read("ANNO", anno_).complete();
  }
  Packet* simple_action(Packet* p) override {
    if (p->length() < offset_ + 4) { p->kill(); return nullptr; }
    uint32_t a;
    memcpy(&a, p->data() + offset_, 4);
    p->set_anno_u32(anno_, a);
    return p;
  }
 private:
  uint32_t offset_ = 0;
  int anno_ = DST_IP_ANNO_OFFSET;
};
CLICK_ENDDECLS
#endif
