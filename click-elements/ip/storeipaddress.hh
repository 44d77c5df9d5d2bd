// -*- c++ -*-
#ifndef NETSERV_STOREIPADDRESS_HH
#define NETSERV_STOREIPADDRESS_HH
#include <click/element.hh>
CLICK_DECLS
/*
=c
StoreIPAddress(OFFSET)
StoreIPAddress(ADDR, OFFSET)
=s ip
stores IP address in packet
=d
The one-argument form writes the destination address annotation into the
packet at OFFSET; the two-argument form writes ADDR. OFFSET is a byte offset
from the start of the packet, or C<src> / C<dst> for the IP header's source
or destination field (then the IP checksum and a TCP/UDP checksum are
updated, as the address is part of their pseudo-header).
=a SetIPAddress, GetIPAddress
*/
class StoreIPAddress : public Element {
 public:
  const char* class_name() const override { return "StoreIPAddress"; }
  const char* port_count() const override { return PORTS_1_1; }
  int configure(Vector<String>& conf, ErrorHandler* errh) override;
  Packet* simple_action(Packet* p) override;
 private:
  bool use_anno_ = true;
  IPAddress addr_;
  int offset_ = 0;   // -1 src, -2 dst
};
CLICK_ENDDECLS
#endif
