// -*- c++ -*-
#ifndef NETSERV_IPADDRREWRITER_HH
#define NETSERV_IPADDRREWRITER_HH
#include "iprewriterbase.hh"
CLICK_DECLS
/*
=c
IPAddrRewriter(INPUTSPEC1, ..., INPUTSPECn [, I<keywords> MAPPING_CAPACITY, TIMEOUT, GUARANTEE, REPLY_ANNO])
=s nat
rewrites IP packets' source addresses
=d
Like IPRewriter, but mappings are per source address and only addresses change: a packet whose source has a mapping gets the mapped source address; a packet whose destination is a mapped address gets the original address back (the reverse mapping). Patterns are C<SADDR DADDR> (ports, if given, are checked and ignored). Any IP protocol.
=k
=item MAPPING_CAPACITY
Maximum number of flows: an integer (default unlimited), or another rewriter's name to share its capacity (and flows' room). When full, the best-effort flow that expires first is forgotten for a new flow; when every flow is still guaranteed, the new flow is refused (admission control, counted in C<mapping_failures>).
=item TIMEOUT
Seconds a flow lives after its last packet once its guarantee is over (default 300).
=item GUARANTEE
Seconds a flow is guaranteed (cannot be evicted for a new flow) after each packet (default 5).
=item REPLY_ANNO
Annotation (PAINT or a byte offset): reply packets get the value the flow's first packet had.
=item REAP_INTERVAL
Accepted; expired flows are forgotten when room is needed or the capacity is written, not on a timer.
=h table read-only
The flows, one line per direction: `(FLOW) => (REWRITTEN) [FOUT ROUT] iINPUT expSECONDS' (a star marks the line's direction; also C<mappings>).
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
class IPAddrRewriter : public IPRewriterBase {
 public:
  const char* class_name() const override { return "IPAddrRewriter"; }
 protected:
  Mode mode() const override { return M_ADDR; }
  bool handles(int proto) const override { (void)proto; return true; }
};
CLICK_ENDDECLS
#endif
