// -*- c++ -*-
#ifndef NETSERV_ICMPIPENCAP_HH
#define NETSERV_ICMPIPENCAP_HH
#include <click/element.hh>
#include <click/ipaddress.hh>
CLICK_DECLS
/*
=c

ICMPIPEncap(SRC, DST, TYPE [, CODE, I<keywords> IDENTIFIER])

=s icmp

encapsulates packets in ICMP/IP headers

=d

Prepends an ICMP header of type TYPE (number or name: "echo", "unreachable",
...) and code CODE (number, default 0), then an IP header from SRC to DST
(TTL 255, protocol ICMP). The ICMP header is 8 bytes (20 for timestamp
messages, 12 for address mask messages) and its checksum covers the payload.
Echo, timestamp and information messages carry IDENTIFIER (default 0) and a
sequence number equal to the IP ID, which counts up from 1 (skipping 0).
Sets the destination IP annotation.

=h src read/write

The source address.

=h dst read/write

The destination address.

=a IPEncap, ICMPPingEncap
*/
class ICMPIPEncap : public Element {
 public:
  const char* class_name() const override { return "ICMPIPEncap"; }
  const char* port_count() const override { return PORTS_1_1; }
  int configure(Vector<String>& conf, ErrorHandler* errh) override;
  void add_handlers() override;
  Packet* simple_action(Packet* p) override;
 private:
  IPAddress src_, dst_;
  uint8_t type_ = 0, code_ = 0;
  uint16_t identifier_ = 0;
  uint16_t ip_id_ = 1;
};
CLICK_ENDDECLS
#endif
