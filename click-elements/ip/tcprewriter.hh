// -*- c++ -*-
#ifndef NETSERV_TCPREWRITER_HH
#define NETSERV_TCPREWRITER_HH
#include "iprewriterbase.hh"
CLICK_DECLS
/*
=c
TCPRewriter(INPUTSPEC1, ..., INPUTSPECn [, I<keywords> MAPPING_CAPACITY, TIMEOUT, TCP_NODATA_TIMEOUT, TCP_DONE_TIMEOUT, GUARANTEE, REPLY_ANNO])
=s nat
rewrites TCP packets' addresses and ports
=d
Like IPRewriter, for TCP packets only (others go to a C<pass> output or are dropped).
=k
=item MAPPING_CAPACITY
Maximum number of flows: an integer (default unlimited), or another rewriter's name to share its capacity (and flows' room). When full, the best-effort flow that expires first is forgotten for a new flow; when every flow is still guaranteed, the new flow is refused (admission control, counted in C<mapping_failures>).
=item TCP_TIMEOUT (also TIMEOUT)
Seconds a TCP flow that carried data both ways lives after its last packet (default 86400).
=item TCP_NODATA_TIMEOUT
Seconds for a TCP flow without data both ways (default 300).
=item TCP_DONE_TIMEOUT
Seconds once both sides sent FIN, or after a RST (default 240).
=item TCP_GUARANTEE (also GUARANTEE)
Seconds a TCP flow is guaranteed (cannot be evicted for a new flow) after each packet (default 5); after that it is best-effort with the timeouts above.
=item REPLY_ANNO
Annotation (PAINT or a byte offset): reply packets get the value the flow's first packet had.
=item REAP_INTERVAL
Accepted; expired flows are forgotten when room is needed or the capacity is written, not on a timer.
=h table read-only
The flows, one line per direction: `(FLOW) => (REWRITTEN) [FOUT ROUT] iINPUT expSECONDS' (a star marks the line's direction; also C<mappings>, C<tcp_table>, C<udp_table> for one protocol).
=h lookup read-only
With parameter C<SADDR SPORT DADDR DPORT>: the TCP flow's rewritten C<SADDR SPORT DADDR DPORT>, or empty (also C<tcp_lookup>).
=h nmappings read-only
Number of flows this rewriter made that still exist.
=h size read-only
Number of flows in the (maybe shared) capacity.
=h capacity read/write
MAPPING_CAPACITY; writing it forgets flows beyond the new value.
=h mapping_failures read-only
New flows refused (no free rewritten flow left, or capacity).
=h patterns read-only
The input specs, one per line (C<<drop>>, C<<nochange>>, C<<keep>>, C<<mapper>> or the pattern), with C< [N]> when N flows came from it.
=h patternN read/write
Input spec N; writing it replaces the spec and forgets the flows it made.
=h clear write-only
Forgets every flow.
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
