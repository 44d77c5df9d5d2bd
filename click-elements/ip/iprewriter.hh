// -*- c++ -*-
#ifndef NETSERV_IPREWRITER_HH
#define NETSERV_IPREWRITER_HH
#include "iprewriterbase.hh"
CLICK_DECLS
/*
=c
IPRewriter(INPUTSPEC1, ..., INPUTSPECn [, I<keywords> MAPPING_CAPACITY, TCP_TIMEOUT, UDP_TIMEOUT, ...])
=s nat
rewrites TCP and UDP packets' addresses and ports
=d
Each input has an input spec (one argument per input): C<drop>, C<pass OUTPUT>, C<keep FOUTPUT ROUTPUT>, or C<pattern SADDR SPORT DADDR DPORT FOUTPUT ROUTPUT> (C<-> keeps a field; SADDR an address, range A-B or prefix; SPORT a port or range L-H, C<#> after it choosing ports in sequence; or C<pattern NAME FOUTPUT ROUTPUT> with a name from IPRewriterPatterns). A packet that belongs to a known flow is rewritten by its mapping and leaves on the mapping's output; a packet that starts a flow is handled by its input's spec: C<pattern> and C<keep> create a mapping (the flow's packets leave on FOUTPUT rewritten) and its reverse (reply packets are rewritten back and leave on ROUTPUT). A flow gets a new source address/port pair not used by another flow to the same destination; when none is left, the packet is dropped. IP and TCP/UDP checksums are updated incrementally. Other protocols and later fragments go to a C<pass> output or are dropped.
=k
=item MAPPING_CAPACITY
Maximum number of flows (0, the default: no limit); new flows beyond it are dropped.
=item TCP_TIMEOUT, UDP_TIMEOUT, TCP_DONE_TIMEOUT, GUARANTEE, REAP_INTERVAL, ...
Accepted; flows are not expired (mappings last as long as the router).
=h table read-only
The mappings, one per line: `(FLOW) => (REWRITTEN) [OUTPUT]' (also C<mappings>, C<tcp_table>, C<udp_table>).
=h nmappings read-only
Number of flows (also C<size>).
=h patterns read-only
The patterns of the pattern input specs, one per line.
=h patternN write-only
Replaces input spec N.
=h clear write-only
Forgets every mapping.
=a IPRewriter, TCPRewriter, UDPRewriter, IPAddrRewriter, IPAddrPairRewriter, IPRewriterPatterns
*/
class IPRewriter : public IPRewriterBase {
 public:
  const char* class_name() const override { return "IPRewriter"; }
 protected:
  Mode mode() const override { return M_PORTS; }
  bool handles(int proto) const override { (void)proto; return proto == 6 || proto == 17; }
};
CLICK_ENDDECLS
#endif
