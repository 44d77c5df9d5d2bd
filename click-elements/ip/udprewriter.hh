// -*- c++ -*-
#ifndef NETSERV_UDPREWRITER_HH
#define NETSERV_UDPREWRITER_HH
#include "iprewriterbase.hh"
CLICK_DECLS
/*
=c
UDPRewriter(INPUTSPEC1, ..., INPUTSPECn [, I<keywords> MAPPING_CAPACITY, TCP_TIMEOUT, UDP_TIMEOUT, ...])
=s nat
rewrites UDP packets' addresses and ports
=d
Like IPRewriter (TCP and UDP), without TCP connection state: every flow times out like a UDP flow.
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
class UDPRewriter : public IPRewriterBase {
 public:
  const char* class_name() const override { return "UDPRewriter"; }
 protected:
  Mode mode() const override { return M_PORTS; }
  bool handles(int proto) const override { (void)proto; return proto == 6 || proto == 17; }
  FlowKind kind_of(int) const override { return K_UDP; }   // TCP flows too time out like UDP ones
  bool plain_timeout_is_udp() const override { return true; }
};
CLICK_ENDDECLS
#endif
