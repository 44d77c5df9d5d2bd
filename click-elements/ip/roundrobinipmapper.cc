// RoundRobinIPMapper. See roundrobinipmapper.hh.
#include "roundrobinipmapper.hh"
#include <click/confparse.hh>
#include <cstring>
CLICK_DECLS

void* RoundRobinIPMapper::cast(const char* n) {
  if (strcmp(n, "IPMapper") == 0) return static_cast<IPMapper*>(this);
  return Element::cast(n);
}

int RoundRobinIPMapper::configure(Vector<String>& conf, ErrorHandler* errh) {
  if (conf.empty()) return errh->error("no patterns given");
  for (size_t i = 0; i < conf.size(); ++i) {
    Vector<String> w;
    cp_spacevec(conf[i], w);
    Choice c;
    char* end;
    if (w.size() != 6) { errh->error("pattern %d: expected 'SADDR SPORT DADDR DPORT FOUTPUT ROUTPUT'", int(i)); continue; }
    if (const char* bad = RewritePattern::parse(Vector<String>(w.begin(), w.begin() + 4), true, c.pat)) {
      errh->error("pattern %d: bad %s", int(i), bad);
      continue;
    }
    c.fout = int(strtol(w[4].c_str(), &end, 10));
    bool ok = isdigit((unsigned char)w[4][0]) && !*end;
    c.rout = int(strtol(w[5].c_str(), &end, 10));
    ok = ok && isdigit((unsigned char)w[5][0]) && !*end;
    if (!ok) { errh->error("pattern %d: bad output port", int(i)); continue; }
    choices_.push_back(c);
  }
  return errh->nerrors() ? -EINVAL : 0;
}

bool RoundRobinIPMapper::map_flow(IPRewriterBase* rw, const IPRewriterBase_Flow& from, IPRewriterBase_Flow& to, int& fout, int& rout) {
  for (size_t k = 0; k < choices_.size(); ++k) {
    Choice& c = choices_[next_];
    next_ = (next_ + 1) % choices_.size();
    if (rw->choose_flow(c.pat, from, to)) {
      fout = c.fout;
      rout = c.rout;
      return true;
    }
  }
  return false;
}

EXPORT_ELEMENT(RoundRobinIPMapper)
CLICK_ENDDECLS
