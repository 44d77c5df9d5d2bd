// -*- c++ -*-
#ifndef NETSERV_IPADDRREWRITER_HH
#define NETSERV_IPADDRREWRITER_HH
#include "iprewriterbase.hh"
CLICK_DECLS
/*
=c
IPAddrRewriter(INPUTSPEC1, ..., INPUTSPECn [, I<keywords> MAPPING_CAPACITY, TCP_TIMEOUT, UDP_TIMEOUT, ...])
=s nat
rewrites IP packets' source addresses
=d
Like IPRewriter, but mappings are per source address and only addresses change: a packet whose source has a mapping gets the mapped source address; a packet whose destination is a mapped address gets the original address back (the reverse mapping). Patterns are C<SADDR DADDR> (ports, if given, are checked and ignored). Any IP protocol.
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
class IPAddrRewriter : public IPRewriterBase {
 public:
  const char* class_name() const override { return "IPAddrRewriter"; }
 protected:
  Mode mode() const override { return M_ADDR; }
  bool handles(int proto) const override { (void)proto; return true; }
};
CLICK_ENDDECLS
#endif
