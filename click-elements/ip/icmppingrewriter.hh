// -*- c++ -*-
#ifndef NETSERV_ICMPPINGREWRITER_HH
#define NETSERV_ICMPPINGREWRITER_HH
#include "iprewriterbase.hh"
CLICK_DECLS
/*
=c
ICMPPingRewriter(INPUTSPEC1, ..., INPUTSPECn [, I<keywords> MAPPING_CAPACITY, TIMEOUT, GUARANTEE, REPLY_ANNO])
=s nat
rewrites ICMP echo requests and replies
=d
The IPRewriter family for pings: an echo request and its replies are a flow, keyed by addresses and echo identifier. Input specs as IPRewriter's; a pattern is C<SADDR SPORT DADDR DPORT> where SPORT is the identifier (a value or range L-H, C<#> for sequential choice, C<?> for random), or C<SADDR DADDR IDENTIFIER>. An echo request that starts a flow gets a new source address/destination/identifier from its input's spec; its replies are rewritten back and leave on ROUTPUT. An identifier in use towards the same destination is not given again. A reply that matches no flow, and other ICMP messages, go to a C<pass> output or are dropped. IP and ICMP checksums are updated.
=k
=item MAPPING_CAPACITY
Maximum number of flows (an integer, or another rewriter's name to share its capacity). When full, the best-effort flow that expires first is forgotten; when every flow is guaranteed, the new flow is refused.
=item TIMEOUT
Seconds a flow lives after its last packet once its guarantee is over (default 300).
=item GUARANTEE
Seconds a flow is guaranteed after each packet (default 5).
=item REPLY_ANNO
Annotation (PAINT or a byte offset): replies get the value the flow's first request had.
=h table read-only
The flows, one per line: `(SADDR, DADDR, ID) => (SADDR', DADDR', ID') [FOUT ROUT] iINPUT expSECONDS' (also C<mappings>).
=h nmappings read-only
Number of flows made (also C<size>: flows in the shared capacity).
=h mapping_failures read-only
Flows refused (no identifier left, or capacity).
=h capacity read/write
MAPPING_CAPACITY; writing it forgets flows beyond it.
=h patterns read-only
The input specs, one per line.
=h patternN read/write
Input spec N; writing it forgets the flows it made.
=h clear write-only
Forgets every flow.
=a IPRewriter, ICMPRewriter, ICMPPingResponder
*/
class ICMPPingRewriter : public IPRewriterBase {
 public:
  const char* class_name() const override { return "ICMPPingRewriter"; }
 protected:
  Mode mode() const override { return M_ICMPPING; }
  bool handles(int proto) const override { return proto == 1; }
};
CLICK_ENDDECLS
#endif
