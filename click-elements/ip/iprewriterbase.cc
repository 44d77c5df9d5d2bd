// Rewriter family core. See iprewriterbase.hh.
#include "iprewriterbase.hh"
#include <click/args.hh>
#include <click/checksum.hh>
#include <click/confparse.hh>
#include <click/router.hh>
#include <clicknet/ip.h>
#include <arpa/inet.h>
#include <cstring>
CLICK_DECLS

namespace {
bool parse_u16(const String& s, uint32_t& v) {
  if (s.empty() || !isdigit((unsigned char)s[0])) return false;
  char* end;
  unsigned long x = strtoul(s.c_str(), &end, 10);
  if (*end || x > 65535) return false;
  v = uint32_t(x);
  return true;
}
bool parse_addr(const String& s, uint32_t& host) {
  struct in_addr a;
  if (inet_pton(AF_INET, s.c_str(), &a) != 1) return false;
  host = ntohl(a.s_addr);
  return true;
}
String unparse_host(uint32_t h) { return IPAddress(htonl(h)).unparse(); }
}  // namespace

const char* RewritePattern::parse(const Vector<String>& w, bool, RewritePattern& p) {
  if (w.size() != 4 && w.size() != 2) return "pattern";
  String sa = w[0];
  if (!sa.empty() && (sa.back() == '#' || sa.back() == '?') && sa != "-") { p.sequential = sa.back() == '#'; sa.pop_back(); }
  if (sa != "-") {
    p.saddr_set = true;
    size_t dash = sa.find('-'), slash = sa.find('/');
    if (dash != String::npos) {
      if (!parse_addr(sa.substr(0, dash), p.saddr_lo) || !parse_addr(sa.substr(dash + 1), p.saddr_hi) || p.saddr_hi < p.saddr_lo) return "source address";
    } else if (slash != String::npos) {
      uint32_t a;
      char* end;
      long len = strtol(sa.c_str() + slash + 1, &end, 10);
      if (!parse_addr(sa.substr(0, slash), a) || *end || len < 0 || len > 32) return "source address";
      uint32_t mask = len == 0 ? 0 : 0xFFFFFFFFU << (32 - len);
      p.saddr_lo = a & mask;
      p.saddr_hi = p.saddr_lo | ~mask;
      if (len < 31) { ++p.saddr_lo; --p.saddr_hi; }   // host addresses only
    } else {
      if (!parse_addr(sa, p.saddr_lo)) return "source address";
      p.saddr_hi = p.saddr_lo;
    }
  }
  if (w.size() == 4) {
    String sp = w[1];
    if (sp != "-") {
      p.sport_set = true;
      if (!sp.empty() && (sp.back() == '#' || sp.back() == '?')) { p.sequential = sp.back() == '#'; sp.pop_back(); }
      size_t dash = sp.find('-');
      uint32_t lo, hi;
      if (dash != String::npos) {
        if (!parse_u16(sp.substr(0, dash), lo) || !parse_u16(sp.substr(dash + 1), hi) || hi < lo) return "source port";
      } else {
        if (!parse_u16(sp, lo)) return "source port";
        hi = lo;
      }
      p.sport_lo = uint16_t(lo);
      p.sport_hi = uint16_t(hi);
    }
  }
  const String& da = w.size() == 4 ? w[2] : w[1];
  if (da != "-") {
    uint32_t h;
    if (!parse_addr(da, h)) return "destination address";
    p.daddr = IPAddress(htonl(h));
    p.daddr_set = true;
  }
  if (w.size() == 4 && w[3] != "-") {
    uint32_t v;
    if (!parse_u16(w[3], v)) return "destination port";
    p.dport = uint16_t(v);
    p.dport_set = true;
  }
  return nullptr;
}

String RewritePattern::unparse(bool with_ports) const {
  String s = !saddr_set ? "-" : saddr_lo == saddr_hi ? unparse_host(saddr_lo) : unparse_host(saddr_lo) + "-" + unparse_host(saddr_hi);
  if (saddr_set && !sport_set && sequential) s += "#";
  if (with_ports) {
    s += " ";
    if (!sport_set) s += "-";
    else s += sport_lo == sport_hi ? std::to_string(sport_lo) : std::to_string(sport_lo) + "-" + std::to_string(sport_hi);
    if (sport_set && sequential) s += "#";
  }
  s += " " + (daddr_set ? daddr.unparse() : String("-"));
  if (with_ports) s += " " + (dport_set ? std::to_string(dport) : String("-"));
  return s;
}

int IPRewriterBase::parse_spec(const String& text, int i, Spec& s, ErrorHandler* errh) {
  Vector<String> w;
  cp_spacevec(text, w);
  s.text = text;
  if (w.empty()) return errh->error("input spec %d: empty", i);
  auto port = [&](const String& x, int& out) -> bool {
    uint32_t v;
    if (!parse_u16(x, v) || int(v) >= noutputs()) { errh->error("input spec %d: bad output port '%s'", i, x.c_str()); return false; }
    out = int(v);
    return true;
  };
  if (w[0] == "drop" || w[0] == "discard") { s.kind = S_DROP; return w.size() == 1 ? 0 : errh->error("input spec %d: too many arguments", i); }
  if (w[0] == "pass" || isdigit((unsigned char)w[0][0])) {
    s.kind = S_PASS;
    String n = w[0] == "pass" ? (w.size() == 2 ? w[1] : String()) : w[0];
    return port(n, s.fout) ? 0 : -EINVAL;
  }
  if (w[0] == "keep") {
    if (w.size() != 3) return errh->error("input spec %d: expected 'keep FOUTPUT ROUTPUT'", i);
    s.kind = S_KEEP;
    return port(w[1], s.fout) && port(w[2], s.rout) ? 0 : -EINVAL;
  }
  if (w[0] == "pattern") {
    if (w.size() != 4 && w.size() != 5 && w.size() != 7) return errh->error("input spec %d: expected 'pattern SADDR SPORT DADDR DPORT FOUTPUT ROUTPUT'", i);
    s.kind = S_PATTERN;
    Vector<String> pw(w.begin() + 1, w.end() - 2);
    if (pw.size() == 1) {   // a name from IPRewriterPatterns
      for (int k = 0; k < router()->nelements() && !s.pat; ++k)
        if (auto* t = static_cast<PatternTable*>(router()->element(k)->cast("PatternTable"))) s.pat = t->pattern(pw[0]);
      if (!s.pat) return errh->error("input spec %d: no pattern named '%s'", i, pw[0].c_str());
    } else {
      s.pat = std::make_shared<RewritePattern>();
      if (const char* bad = RewritePattern::parse(pw, mode() == M_PORTS, *s.pat)) return errh->error("input spec %d: bad %s", i, bad);
    }
    return port(w[w.size() - 2], s.fout) && port(w.back(), s.rout) ? 0 : -EINVAL;
  }
  return errh->error("input spec %d: unknown specification '%s'", i, w[0].c_str());
}

int IPRewriterBase::configure(Vector<String>& conf, ErrorHandler* errh) {
  Args args(this, errh);
  args.bind(conf);
  uint32_t t;
  String cap, ignored;   // annotation keywords: accepted, not implemented
  if (args.read("MAPPING_CAPACITY", AnyArg(), cap).read("CAPACITY", AnyArg(), cap)
          .read("TCP_TIMEOUT", SecondsArg(), t).read("TCP_DONE_TIMEOUT", SecondsArg(), t)
          .read("TCP_NODATA_TIMEOUT", SecondsArg(), t).read("TCP_GUARANTEE", SecondsArg(), t)
          .read("UDP_TIMEOUT", SecondsArg(), t).read("UDP_STREAMING_TIMEOUT", SecondsArg(), t)
          .read("UDP_GUARANTEE", SecondsArg(), t).read("TIMEOUT", SecondsArg(), t).read("GUARANTEE", SecondsArg(), t)
          .read("REAP_INTERVAL", SecondsArg(), t).read("REAP_TIME", SecondsArg(), t).read("DST_ANNO", AnyArg(), ignored)
          .read("REPLY_ANNO", AnyArg(), ignored).read("SET_FLOW_ANNO", AnyArg(), ignored)
          .consume() < 0)
    return -EINVAL;
  if (!cap.empty() && isdigit((unsigned char)cap[0])) capacity_ = atoi(cap.c_str());
  if (int(conf.size()) < ninputs()) return errh->error("need %d input specs, one per input; have %d", ninputs(), int(conf.size()));
  specs_.assign(conf.size(), Spec());
  int before = errh->nerrors();
  for (size_t i = 0; i < conf.size(); ++i) parse_spec(conf[i], int(i), specs_[i], errh);
  return errh->nerrors() == before ? 0 : -EINVAL;
}

IPRewriterBase::Flow IPRewriterBase::key_of(const Packet* p) const {
  const click_ip* iph = p->ip_header();
  uint16_t sp = 0, dp = 0;
  if (mode() == M_PORTS) {
    const unsigned char* th = p->network_header() + iph->ip_hl * 4;
    memcpy(&sp, th, 2);
    memcpy(&dp, th + 2, 2);
  }
  if (mode() == M_ADDR) return Flow(0, iph->ip_src.s_addr, 0, 0, 0);
  return Flow(mode() == M_PORTS ? iph->ip_p : 0, iph->ip_src.s_addr, sp, iph->ip_dst.s_addr, dp);
}

IPRewriterBase::Flow IPRewriterBase::reply(const Flow& f) const {
  if (mode() == M_ADDR) return std::get<0>(f) == 0 ? Flow(1, 0, 0, std::get<1>(f), 0) : Flow(0, std::get<3>(f), 0, 0, 0);
  return Flow(std::get<0>(f), std::get<3>(f), std::get<4>(f), std::get<1>(f), std::get<2>(f));
}

bool IPRewriterBase::choose(RewritePattern& pat, const Flow& from, Flow& to) {
  to = from;
  if (pat.daddr_set) std::get<3>(to) = pat.daddr.addr();
  if (pat.dport_set) std::get<4>(to) = htons(pat.dport);
  uint64_t n = pat.space();
  uint32_t nports = pat.sport_set ? pat.sport_hi - pat.sport_lo + 1 : 1;
  for (uint64_t k = 0; k < n; ++k) {
    uint64_t idx = (pat.next + k) % n;
    if (pat.saddr_set) std::get<1>(to) = htonl(pat.saddr_lo + uint32_t(idx / nports));
    if (pat.sport_set) std::get<2>(to) = htons(uint16_t(pat.sport_lo + idx % nports));
    if (!in_use(to) || (to == from && !pat.saddr_set && !pat.sport_set)) {
      pat.next = uint32_t((idx + 1) % n);
      return true;
    }
  }
  return false;
}

void IPRewriterBase::rewrite(WritablePacket* p, const Flow& to) {
  click_ip* iph = reinterpret_cast<click_ip*>(p->network_header());
  unsigned char* nh = p->network_header();
  int hl = iph->ip_hl * 4;
  bool whole = !IP_ISFRAG(iph) || IP_FIRSTFRAG(iph);
  int proto = iph->ip_p;
  unsigned char* th = nh + hl;
  int avail = int(p->end_data() - th);
  uint16_t* tsum = nullptr;
  if (whole && proto == IP_PROTO_TCP && avail >= 18) tsum = reinterpret_cast<uint16_t*>(th + 16);
  else if (whole && proto == IP_PROTO_UDP && avail >= 8 && (th[6] | th[7])) tsum = reinterpret_cast<uint16_t*>(th + 6);
  auto set16 = [&](unsigned char* at, uint16_t v, bool ip_too) {
    uint16_t old;
    memcpy(&old, at, 2);
    if (old == v) return;
    memcpy(at, &v, 2);
    if (ip_too) click_update_in_cksum(&iph->ip_sum, old, v);
    if (tsum) click_update_in_cksum(tsum, old, v);
  };
  auto put_addr = [&](unsigned char* at, uint32_t v) {
    uint16_t a, b;
    memcpy(&a, &v, 2);
    memcpy(&b, reinterpret_cast<unsigned char*>(&v) + 2, 2);
    set16(at, a, true);
    set16(at + 2, b, true);
  };
  if (mode() == M_ADDR) {
    if (std::get<0>(to) == 0) put_addr(nh + 12, std::get<1>(to));
    else put_addr(nh + 16, std::get<3>(to));
    return;
  }
  put_addr(nh + 12, std::get<1>(to));
  put_addr(nh + 16, std::get<3>(to));
  if (mode() == M_PORTS && whole && avail >= 4) {
    set16(th, std::get<2>(to), false);
    set16(th + 2, std::get<4>(to), false);
  }
}

void IPRewriterBase::push(int port, Packet* p) {
  const click_ip* iph = p->ip_header();
  bool ok = iph && (mode() != M_PORTS || (handles(iph->ip_p) && !(IP_ISFRAG(iph) && !IP_FIRSTFRAG(iph)) &&
                                          p->end_data() - p->network_header() >= iph->ip_hl * 4 + 4));
  const Spec& sp = specs_[port];
  if (!ok) {
    if (sp.kind == S_PASS) output(sp.fout).push(p); else p->kill();
    return;
  }
  Flow k = key_of(p);
  auto it = table_.find(k);
  if (it == table_.end() && mode() == M_ADDR) it = table_.find(Flow(1, 0, 0, iph->ip_dst.s_addr, 0));
  if (it == table_.end()) {
    if (sp.kind == S_DROP) { p->kill(); return; }
    if (sp.kind == S_PASS) { output(sp.fout).push(p); return; }
    if (capacity_ && table_.size() / 2 >= capacity_) { p->kill(); return; }
    Flow to = k;
    if (sp.kind == S_PATTERN && !choose(*sp.pat, k, to)) { p->kill(); return; }
    if (sp.kind == S_KEEP && in_use(to)) { p->kill(); return; }
    table_[k] = {to, sp.fout};
    table_[reply(to)] = {reply(k), sp.rout};
    ++nmappings_;
    it = table_.find(k);
  }
  WritablePacket* q = p->uniqueify();
  if (!q) return;
  rewrite(q, it->second.to);
  output(it->second.output).push(q);
}

String IPRewriterBase::unparse_table() const {
  String s;
  auto fl = [&](const Flow& f) {
    if (mode() == M_PORTS)
      return "(" + IPAddress(std::get<1>(f)).unparse() + ", " + std::to_string(ntohs(std::get<2>(f))) + ", " +
             IPAddress(std::get<3>(f)).unparse() + ", " + std::to_string(ntohs(std::get<4>(f))) + ")";
    if (mode() == M_ADDR) return String("(") + IPAddress(std::get<0>(f) ? std::get<3>(f) : std::get<1>(f)).unparse() + ")";
    return "(" + IPAddress(std::get<1>(f)).unparse() + ", " + IPAddress(std::get<3>(f)).unparse() + ")";
  };
  for (auto& kv : table_) s += fl(kv.first) + " => " + fl(kv.second.to) + " [" + std::to_string(kv.second.output) + "]\n";
  return s;
}

void IPRewriterBase::add_handlers() {
  auto table = [this]() { return unparse_table(); };
  add_read_handler("table", table);
  add_read_handler("mappings", table);
  add_read_handler("tcp_table", table);
  add_read_handler("udp_table", table);
  add_read_handler("nmappings", [this]() { return std::to_string(table_.size() / 2); });
  add_read_handler("size", [this]() { return std::to_string(table_.size() / 2); });
  add_read_handler("patterns", [this]() {
    String s;
    for (auto& sp : specs_) if (sp.kind == S_PATTERN) s += sp.pat->unparse(mode() == M_PORTS) + "\n";
    return s;
  });
  add_write_handler("clear", [this](const String&, ErrorHandler*) { table_.clear(); return 0; }, Handler::f_button);
  for (size_t i = 0; i < specs_.size(); ++i)
    add_write_handler("pattern" + std::to_string(i), [this, i](const String& d, ErrorHandler* errh) -> int {
      Spec s;
      if (parse_spec(cp_uncomment(d), int(i), s, errh) < 0) return -EINVAL;
      specs_[i] = s;
      return 0;
    });
}

CLICK_ENDDECLS
