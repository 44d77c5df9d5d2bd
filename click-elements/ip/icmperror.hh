// -*- c++ -*-
#ifndef NETSERV_ICMPERROR_HH
#define NETSERV_ICMPERROR_HH
#include <click/element.hh>
#include <click/checksum.hh>
#include <arpa/inet.h>
#include <cstring>
CLICK_DECLS
/*
=c

ICMPError(SRC, TYPE [, CODE, I<keywords> BADADDRS, MTU, PMTU, SET_FIX_ANNO])

=s icmp

generates ICMP error packets

=d

Generate an ICMP error packet, with specified TYPE and CODE, in response to
an incoming IP packet. The output is an IP/ICMP packet. Its source address is
set to SRC. The error packet will include (as payload) the original packet's
IP header and as much of its payload as fits in MTU bytes (default 576; RFC
1812 4.3.2.3). The new packet has TTL 200, TOS 0, IP identifiers counting
from 1, and its destination IP address annotation set. The incoming packet
must have its IP header annotation set.

TYPE and CODE may be integers or names: TYPE unreachable, timeexceeded,
parameterproblem, redirect, sourcequench, ...; CODE net, host, protocol, port,
needfrag, srcroutefail, transit, reassembly, erroratptr, ...

No error is generated (the packet is dropped) for ICMP error packets, packets
to broadcast/multicast/BADADDRS destinations, link-level broadcasts, packets
from invalid sources (0/8, 127/8, multicast, class E), or non-first fragments
(RFC 1812 4.3.2.7). Redirects are not sent for source-routed packets.

=k

=item BADADDRS

Space-separated list of IP addresses (e.g. this network's broadcast
addresses); packets destined to them get no error.

=item MTU

Maximum size of the generated packet. Default 576.

=item PMTU

The next-hop MTU to report in "needfrag" errors.

=item SET_FIX_ANNO

Boolean. Set the fix-IP-source annotation on generated packets (see
FixIPSrc). Default true.

=h src read/write

The SRC parameter.

=h mtu read/write

The MTU parameter.

=h pmtu read/write

The PMTU parameter.

=a DecIPTTL, FixIPSrc, IPGWOptions
*/
class ICMPError : public Element {
 public:
  const char* class_name() const override { return "ICMPError"; }
  const char* port_count() const override { return PORTS_1_1; }
  const char* processing() const override { return AGNOSTIC; }
  int configure(Vector<String>& conf, ErrorHandler* errh) override;
  void add_handlers() override;
  Packet* simple_action(Packet* p) override;
  static int parse_type(const String& s);
  static int parse_code(int type, const String& s);
 private:
  IPAddress src_;
  int type_ = 0, code_ = 0;
  Vector<IPAddress> bad_addrs_;
  uint32_t mtu_ = 576, pmtu_ = 0;
  bool use_fix_anno_ = true;
  uint16_t id_ = 1;
};
CLICK_ENDDECLS
#endif
