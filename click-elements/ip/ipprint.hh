// -*- c++ -*-
#ifndef NETSERV_IPPRINT_HH
#define NETSERV_IPPRINT_HH
#include <click/element.hh>
#include <cstdio>
CLICK_DECLS
/*
=c

IPPrint([LABEL, I<keywords> CONTENTS, PAYLOAD, MAXLENGTH, ID, TTL, TOS, LENGTH, TIMESTAMP, PAINT, SWAP, OUTFILE, ACTIVE])

=s ip

pretty-prints IP packets

=d

Expects IP packets as input (the IP header annotation must be set). Prints
a tcpdump-like one-line summary of each packet on standard error (or OUTFILE):

  LABEL: TIMESTAMP: SRC.SPORT > DST.DPORT: FLAGS SEQ:END(SEQLEN,PKTLEN,IPLEN) ack ACK win WIN
  LABEL: TIMESTAMP: SRC.SPORT > DST.DPORT: udp ULEN
  LABEL: TIMESTAMP: SRC > DST: icmp echo (ID, SEQ)

as Click 2.1 does: TIMESTAMP with microseconds; FLAGS from S, F, R, P, or "."
when none of those is set (ACK shows as "ack"); SEQLEN counts SYN and FIN;
PKTLEN is the packet's length, IPLEN the IP length field; ULEN the UDP length
field; ICMP types and codes by name ("icmp 1.0.0.1 unreachable port udp/53").
Fragment information follows when the packet is a fragment; headers cut short
print "truncated-ip", "truncated-tcp", .... Packets without a network header
pass unprinted.

=k

=item CONTENTS

NONE (default), HEX or ASCII: also print packet contents (from the packet data).

=item PAYLOAD

NONE (default), HEX or ASCII: also print the transport payload.

=item MAXLENGTH

Maximum number of content bytes printed. Default 1500.

=item ID, TTL, TOS, LENGTH

Booleans. Print the IP ID, TTL, TOS, or length fields. Default false.

=item TIMESTAMP

Boolean. Print the timestamp annotation. Default true.

=item PAINT

Boolean. Print the paint annotation. Default false.

=item SWAP

Boolean. Print ICMP echo ID and sequence numbers byte-swapped from their raw 16 bits, which on a little-endian host is host order (Click 2.1 does the same). Default true.

=item OUTFILE

Print to this file (appended) instead of standard error.

=item ACTIVE

Boolean. Print nothing if false. Default true.

=h active read/write

The ACTIVE parameter.

=a Print, CheckIPHeader
*/
class IPPrint : public Element {
 public:
  ~IPPrint() override { if (outfile_) fclose(outfile_); }
  const char* class_name() const override { return "IPPrint"; }
  const char* port_count() const override { return PORTS_1_1; }
  int configure(Vector<String>& conf, ErrorHandler* errh) override;
  int initialize(ErrorHandler* errh) override;
  void add_handlers() override { add_data_handlers("active", Handler::f_read | Handler::f_write, &active_); }
  Packet* simple_action(Packet* p) override;
 private:
  String label_, outfile_name_;
  int contents_ = 0, payload_ = 0;
  int maxlength_ = 1500;
  bool id_ = false, ttl_ = false, tos_ = false, length_ = false, timestamp_ = true, paint_ = false, swap_ = true, active_ = true;
  FILE* outfile_ = nullptr;
  static int parse_contents(const String& s);
  void dump(String& sa, const unsigned char* d, uint32_t n, int how) const;
  void tcp_line(String& sa, const Packet* p, int transport_length) const;
  void udp_line(String& sa, const Packet* p, int transport_length) const;
  void icmp_line(String& sa, const Packet* p, int transport_length) const;
};
CLICK_ENDDECLS
#endif
