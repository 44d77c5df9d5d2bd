// -*- c++ -*-
#ifndef NETSERV_ROUNDROBINIPMAPPER_HH
#define NETSERV_ROUNDROBINIPMAPPER_HH
#include "iprewriterbase.hh"
#include <vector>
CLICK_DECLS
/*
=c
RoundRobinIPMapper(PATTERN1, ..., PATTERNn)
=s nat
round-robin mapper for IPRewriter(n)
=d
An IPMapper: give its name as a rewriter's input spec (IPRewriter(rr)) and each new flow on that input is rewritten by the next of its patterns in turn, wrapping around. Each PATTERN is C<SADDR SPORT DADDR DPORT FOUTPUT ROUTPUT> as in IPRewriter's C<pattern> input spec (C<-> keeps a field), so successive flows can go to different servers and outputs: a simple load balancer. A pattern that has no free rewritten flow left is skipped; when none has, the flow's packet is dropped.
=a IPRewriter, TCPRewriter, UDPRewriter, IPRewriterPatterns
*/
class RoundRobinIPMapper : public Element, public IPMapper {
 public:
  const char* class_name() const override { return "RoundRobinIPMapper"; }
  const char* port_count() const override { return "0/0"; }
  void* cast(const char* n) override;
  // before the rewriters, which look it up while parsing their input specs
  int configure_phase() const override { return CONFIGURE_PHASE_DEFAULT - 1; }
  int configure(Vector<String>& conf, ErrorHandler* errh) override;
  bool map_flow(IPRewriterBase* rw, const IPRewriterBase_Flow& from, IPRewriterBase_Flow& to, int& fout, int& rout) override;

 private:
  struct Choice { RewritePattern pat; int fout, rout; };
  std::vector<Choice> choices_;
  size_t next_ = 0;
};
CLICK_ENDDECLS
#endif
