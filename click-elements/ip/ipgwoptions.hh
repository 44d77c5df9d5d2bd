// -*- c++ -*-
#ifndef NETSERV_IPGWOPTIONS_HH
#define NETSERV_IPGWOPTIONS_HH
#include <click/element.hh>
#include <click/ipaddress.hh>
CLICK_DECLS
/*
=c
IPGWOptions(MYADDR [, OTHERADDRS])
=s ip
processes router IP options
=d
Processes the IP options every router on the path handles: Record Route
(MYADDR, the address of the outgoing interface, is recorded while there is
room) and Timestamp (a timestamp, or address and timestamp, is added while
there is room; for prespecified addresses, only when the next one is MYADDR
or one of the space-separated OTHERADDRS; when it is full, the overflow
count goes up). Source route options are left to the destination. Packets
whose options it changed get a new header checksum. A packet with a
malformed option goes to output 1 (if connected; else it is dropped) with the
ICMP parameter problem annotation pointing at the bad byte, for
ICMPError(parameterproblem).
=h drops read-only
Packets with bad options.
=a ICMPError, DecIPTTL, FixIPSrc
*/
class IPGWOptions : public Element {
 public:
  const char* class_name() const override { return "IPGWOptions"; }
  const char* port_count() const override { return PORTS_1_1X2; }
  const char* processing() const override { return PROCESSING_A_AH; }
  int configure(Vector<String>& conf, ErrorHandler* errh) override;
  void add_handlers() override;
  Packet* simple_action(Packet* p) override;
 private:
  IPAddress my_addr_;
  Vector<IPAddress> other_addrs_;
  uint64_t drops_ = 0;
  bool is_mine(const unsigned char* a) const;
  Packet* handle_options(Packet* p);
};
CLICK_ENDDECLS
#endif
