// IPRewriterPatterns. See iprewriterpatterns.hh.
#include "iprewriterpatterns.hh"
#include <click/confparse.hh>
#include <cstring>
CLICK_DECLS
int IPRewriterPatterns::configure(Vector<String>& conf, ErrorHandler* errh) {
  for (auto& a : conf) {
    Vector<String> w;
    cp_spacevec(a, w);
    if (w.size() != 5) { errh->error("expected 'NAME SADDR SPORT DADDR DPORT', not '%s'", a.c_str()); continue; }
    auto p = std::make_shared<RewritePattern>();
    Vector<String> pw(w.begin() + 1, w.end());
    if (const char* bad = RewritePattern::parse(pw, true, *p)) { errh->error("pattern '%s': bad %s", w[0].c_str(), bad); continue; }
    if (patterns_.count(w[0])) { errh->error("pattern '%s' defined twice", w[0].c_str()); continue; }
    patterns_[w[0]] = p;
  }
  return errh->nerrors() ? -EINVAL : 0;
}
void* IPRewriterPatterns::cast(const char* n) {
  if (strcmp(n, "PatternTable") == 0) return static_cast<PatternTable*>(this);
  return Element::cast(n);
}
std::shared_ptr<RewritePattern> IPRewriterPatterns::pattern(const String& name) const {
  auto it = patterns_.find(name);
  return it == patterns_.end() ? nullptr : it->second;
}
EXPORT_ELEMENT(IPRewriterPatterns)
CLICK_ENDDECLS
