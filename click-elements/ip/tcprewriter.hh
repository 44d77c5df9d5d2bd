// -*- c++ -*-
#ifndef NETSERV_TCPREWRITER_HH
#define NETSERV_TCPREWRITER_HH
#include "iprewriterbase.hh"
CLICK_DECLS
/*
=c
TCPRewriter(INPUTSPEC1, ..., INPUTSPECn [, I<keywords> MAPPING_CAPACITY, TCP_TIMEOUT, UDP_TIMEOUT, ...])
=s nat
rewrites TCP packets' addresses and ports
=d
Like IPRewriter, for TCP packets only (others go to a C<pass> output or are dropped).
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
class TCPRewriter : public IPRewriterBase {
 public:
  const char* class_name() const override { return "TCPRewriter"; }
 protected:
  Mode mode() const override { return M_PORTS; }
  bool handles(int proto) const override { (void)proto; return proto == 6; }
  FlowKind kind_of(int) const override { return K_TCP; }
};
CLICK_ENDDECLS
#endif
