// -*- c++ -*-
#ifndef NETSERV_IPREWRITERPATTERNS_HH
#define NETSERV_IPREWRITERPATTERNS_HH
#include "iprewriterbase.hh"
CLICK_DECLS
/*
=c
IPRewriterPatterns(NAME SADDR SPORT DADDR DPORT, ...)
=s nat
specifies shared IPRewriter patterns
=d
Names rewriting patterns that rewriters' input specs use as `C<pattern NAME
FOUTPUT ROUTPUT>'; rewriters naming the same pattern share it (and its next
sequential port). Fields as in IPRewriter's patterns.
=a IPRewriter, TCPRewriter, UDPRewriter
*/
class IPRewriterPatterns : public Element, public PatternTable {
 public:
  const char* class_name() const override { return "IPRewriterPatterns"; }
  int configure_phase() const override { return CONFIGURE_PHASE_INFO; }
  int configure(Vector<String>& conf, ErrorHandler* errh) override;
  void* cast(const char* n) override;
  std::shared_ptr<RewritePattern> pattern(const String& name) const override;
 private:
  std::map<String, std::shared_ptr<RewritePattern>> patterns_;
};
CLICK_ENDDECLS
#endif
