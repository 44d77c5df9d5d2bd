// -*- c++ -*-
#ifndef NETSERV_ICMPREWRITER_HH
#define NETSERV_ICMPREWRITER_HH
#include "iprewriterbase.hh"
#include <vector>
CLICK_DECLS
/*
=c
ICMPRewriter(MAPS [, I<keywords> DST_ANNO, REPLY_ANNO])
=s nat
rewrites ICMP error packets by rewriters' flows
=d
MAPS is a space-separated list of rewriters (IPRewriter, TCPRewriter, UDPRewriter, ICMPPingRewriter). An ICMP error (unreachable, time exceeded, parameter problem, source quench, redirect) carries the start of the packet that caused it; when that packet belongs to a flow of one of the rewriters, ICMPRewriter rewrites the error as the flow's reply would be rewritten: the embedded addresses and ports (or echo identifier) are changed back to the flow's original ones, and the error's destination, if it was the flow's rewritten source, becomes the original source. Embedded IP, TCP/UDP/ICMP and the error's own checksums are updated incrementally. Errors about no known flow and other ICMP messages go to output 1 if there is one, else are dropped; non-ICMP packets and errors too short to hold the embedded headers are dropped.
=k
=item DST_ANNO
Boolean. Set the destination IP annotation when the destination changes. Default true.
=item REPLY_ANNO
Annotation (PAINT or a byte offset): a rewritten error gets the value the flow's rewriter recorded with its REPLY_ANNO.
=a IPRewriter, ICMPPingRewriter, ICMPError
*/
class ICMPRewriter : public Element {
 public:
  const char* class_name() const override { return "ICMPRewriter"; }
  const char* port_count() const override { return "1/1-2"; }
  const char* processing() const override { return "a/ah"; }
  int configure(Vector<String>& conf, ErrorHandler* errh) override;
  Packet* simple_action(Packet* p) override;

 private:
  std::vector<IPRewriterBase*> maps_;
  bool dst_anno_ = true;
  int reply_anno_ = -1;
  /** The flow of the packet embedded at `eiph`, looked up as its reply, or null. */
  RewriterFlow* find(const unsigned char* eiph, int& dir) const;
};
CLICK_ENDDECLS
#endif
