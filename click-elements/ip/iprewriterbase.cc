// Rewriter family core. See iprewriterbase.hh.
#include "iprewriterbase.hh"
#include <click/args.hh>
#include <click/checksum.hh>
#include <click/confparse.hh>
#include <click/router.hh>
#include <clicknet/ip.h>
#include <arpa/inet.h>
#include <algorithm>
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
  if (!sa.empty() && (sa.back() == '#' || sa.back() == '?') && sa != "-") { p.sequential = sa.back() == '#'; p.same_first = false; sa.pop_back(); }
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
      if (!sp.empty() && (sp.back() == '#' || sp.back() == '?')) { p.sequential = sp.back() == '#'; p.same_first = false; sp.pop_back(); }
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
  if (with_ports) {
    s += " ";
    if (!sport_set) s += "-";
    else s += sport_lo == sport_hi ? std::to_string(sport_lo) : std::to_string(sport_lo) + "-" + std::to_string(sport_hi);
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
    if (w.size() != 4 && w.size() != 5 && w.size() != 7 && !(mode() == M_ICMPPING && w.size() == 6)) return errh->error("input spec %d: expected 'pattern SADDR SPORT DADDR DPORT FOUTPUT ROUTPUT'", i);
    s.kind = S_PATTERN;
    Vector<String> pw(w.begin() + 1, w.end() - 2);
    if (pw.size() == 1) {   // a name from IPRewriterPatterns
      for (int k = 0; k < router()->nelements() && !s.pat; ++k)
        if (auto* t = static_cast<PatternTable*>(router()->element(k)->cast("PatternTable"))) s.pat = t->pattern(pw[0]);
      if (!s.pat) return errh->error("input spec %d: no pattern named '%s'", i, pw[0].c_str());
    } else {
      s.pat = std::make_shared<RewritePattern>();
      if (mode() == M_ICMPPING && pw.size() == 3) pw = Vector<String>{pw[0], pw[2], pw[1], "-"};   // SADDR DADDR IDENTIFIER
      if (const char* bad = RewritePattern::parse(pw, mode() == M_PORTS, *s.pat)) return errh->error("input spec %d: bad %s", i, bad);
    }
    return port(w[w.size() - 2], s.fout) && port(w.back(), s.rout) ? 0 : -EINVAL;
  }
  if (Element* e = router()->find(w[0], compound_prefix())) {
    s.mapper = static_cast<IPMapper*>(e->cast("IPMapper"));
    if (!s.mapper) return errh->error("input spec %d: element '%s' is not an IPMapper", i, w[0].c_str());
    if (w.size() != 1) return errh->error("input spec %d: expected 'ELEMENTNAME'", i);
    s.kind = S_MAPPER;
    return 0;
  }
  return errh->error("input spec %d: unknown specification '%s'", i, w[0].c_str());
}

void* IPRewriterBase::cast(const char* n) {
  if (strcmp(n, "IPRewriterBase") == 0) return this;
  return Element::cast(n);
}

int IPRewriterBase::configure(Vector<String>& conf, ErrorHandler* errh) {
  const uint32_t unset = 0xFFFFFFFFU;
  uint32_t timeout = unset, guarantee = unset, tcp_nodata = unset, tcp_data = unset, tcp_done = unset, tcp_guarantee = unset,
           udp = unset, udp_stream = unset, stream = unset, udp_guarantee = unset, reap;
  String cap, reply_anno, ignored;   // DST_ANNO, SET_FLOW_ANNO: accepted, not implemented
  if (Args(this, errh).bind(conf)
          .read("MAPPING_CAPACITY", AnyArg(), cap).read("CAPACITY", AnyArg(), cap)
          .read("TIMEOUT", SecondsArg(), timeout).read("GUARANTEE", SecondsArg(), guarantee)
          .read("TCP_TIMEOUT", SecondsArg(), tcp_data).read("TCP_DONE_TIMEOUT", SecondsArg(), tcp_done)
          .read("TCP_NODATA_TIMEOUT", SecondsArg(), tcp_nodata).read("TCP_GUARANTEE", SecondsArg(), tcp_guarantee)
          .read("UDP_TIMEOUT", SecondsArg(), udp).read("UDP_STREAMING_TIMEOUT", SecondsArg(), udp_stream)
          .read("STREAMING_TIMEOUT", SecondsArg(), stream).read("UDP_GUARANTEE", SecondsArg(), udp_guarantee)
          .read("REAP_INTERVAL", SecondsArg(), reap).read("REAP_TIME", SecondsArg(), reap).read("DST_ANNO", AnyArg(), ignored)
          .read("REPLY_ANNO", AnyArg(), reply_anno).read("SET_FLOW_ANNO", AnyArg(), ignored)
          .consume() < 0)
    return -EINVAL;
  // TIMEOUT and GUARANTEE mean what they mean for the class (Click's keyword
  // chains): TCP's data timeout and guarantee for TCPRewriter and IPRewriter,
  // UDP's for UDPRewriter, the only timeout for the address rewriters.
  auto pick = [&](uint32_t& dst, std::initializer_list<uint32_t> vals) { for (uint32_t v : vals) if (v != unset) { dst = v; return; } };
  bool udp_class = plain_timeout_is_udp();
  pick(to_.tcp_nodata, {tcp_nodata});
  pick(to_.tcp_data, {tcp_data, udp_class ? unset : timeout});
  pick(to_.tcp_done, {tcp_done});
  pick(to_.tcp_guarantee, {tcp_guarantee, udp_class ? unset : guarantee});
  pick(to_.udp, {udp, udp_class ? timeout : unset});
  to_.udp_streaming = to_.udp;
  pick(to_.udp_streaming, {udp_stream, udp_class ? stream : unset});
  pick(to_.udp_guarantee, {udp_guarantee, udp_class ? guarantee : unset});
  pick(to_.plain, {timeout});
  pick(to_.plain_guarantee, {guarantee});
  if (!cap.empty()) {
    char* end;
    long v = strtol(cap.c_str(), &end, 10);
    Element* e = nullptr;
    if (isdigit((unsigned char)cap[0]) && !*end) heap_->capacity = v;
    else if ((e = router()->find(cap, compound_prefix())) && e->cast("IPRewriterBase"))
      heap_ = static_cast<IPRewriterBase*>(e->cast("IPRewriterBase"))->heap_;   // share its capacity and flows
    else return errh->error("bad MAPPING_CAPACITY");
  }
  if (!reply_anno.empty()) {
    char* end;
    long off = strtol(reply_anno.c_str(), &end, 10);
    if (reply_anno == "PAINT") reply_anno_ = PAINT_ANNO_OFFSET;
    else if (isdigit((unsigned char)reply_anno[0]) && !*end && off < Packet::anno_size) reply_anno_ = int(off);
    else return errh->error("REPLY_ANNO: expected an annotation (PAINT or a byte offset)");
  }
  if (int(conf.size()) != ninputs()) return errh->error("need %d arguments, one per input port", ninputs());
  specs_.assign(conf.size(), Spec());
  int before = errh->nerrors();
  for (size_t i = 0; i < conf.size(); ++i) parse_spec(conf[i], int(i), specs_[i], errh);
  return errh->nerrors() == before ? 0 : -EINVAL;
}

IPRewriterBase::Flow IPRewriterBase::key_of(const Packet* p) const {
  const click_ip* iph = p->ip_header();
  uint16_t sp = 0, dp = 0;
  if (mode() == M_ICMPPING) {
    // An echo (SRC, ID, DST, ID+1) and its reply (DST, ID+1, SRC, ID) are a
    // flow and its reply, as Click keys them (the +1 on the raw 16 bits).
    const unsigned char* th = p->network_header() + iph->ip_hl * 4;
    uint16_t id;
    memcpy(&id, th + 4, 2);
    bool echo = th[0] == 8;
    return Flow(1, iph->ip_src.s_addr, uint16_t(id + !echo), iph->ip_dst.s_addr, uint16_t(id + echo));
  }
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
  if (n == 1) {   // nothing to choose (Click: an older flow holding the reply key is replaced)
    if (pat.saddr_set) std::get<1>(to) = htonl(pat.saddr_lo);
    if (pat.sport_set) std::get<2>(to) = htons(pat.sport_lo);
    return true;
  }
  // The flow's own source port first if it is free (unless '#' or '?'),
  // then from the next in sequence ('#') or a random start.
  uint16_t own = ntohs(std::get<2>(from));
  if (pat.same_first && pat.sport_set && nports > 1 && own >= pat.sport_lo && own <= pat.sport_hi) {
    if (pat.saddr_set) std::get<1>(to) = htonl(pat.saddr_lo);
    std::get<2>(to) = std::get<2>(from);
    if (!in_use(to)) return true;
  }
  uint64_t start = pat.sequential ? (pat.next < n ? pat.next : 0) : click_random(0, uint32_t(n - 1));
  for (uint64_t k = 0; k < n; ++k) {
    uint64_t idx = (start + k) % n;
    if (pat.saddr_set) std::get<1>(to) = htonl(pat.saddr_lo + uint32_t(idx / nports));
    if (pat.sport_set) std::get<2>(to) = htons(uint16_t(pat.sport_lo + idx % nports));
    if (!in_use(to) || (to == from && !pat.saddr_set && !pat.sport_set)) {
      pat.next = uint32_t((idx + 1) % n);
      return true;
    }
  }
  return false;
}

void IPRewriterBase::rewrite_ping(WritablePacket* p, const Flow& to, int dir) {
  unsigned char* nh = p->network_header();
  click_ip* iph = reinterpret_cast<click_ip*>(nh);
  unsigned char* ih = nh + iph->ip_hl * 4;
  auto set16 = [](unsigned char* at, uint16_t v, uint16_t* sum) {
    uint16_t old;
    memcpy(&old, at, 2);
    memcpy(at, &v, 2);
    click_update_in_cksum(sum, old, v);
  };
  uint32_t src = std::get<1>(to), dst = std::get<3>(to);
  for (int k = 0; k < 2; ++k) {
    set16(nh + 12 + 2 * k, reinterpret_cast<const uint16_t*>(&src)[k], &iph->ip_sum);
    set16(nh + 16 + 2 * k, reinterpret_cast<const uint16_t*>(&dst)[k], &iph->ip_sum);
  }
  if (IP_ISFRAG(iph) && !IP_FIRSTFRAG(iph)) return;
  // the ICMP checksum covers the identifier only (no pseudo-header)
  uint16_t* isum = reinterpret_cast<uint16_t*>(ih + 2);
  set16(ih + 4, dir ? std::get<4>(to) : std::get<2>(to), isum);
  if (*isum == 0) {   // +0 may really be -0: recompute
    int len = int(p->end_data() - ih);
    *isum = click_in_cksum(ih, len);
  }
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

int64_t IPRewriterBase::guarantee_ms(const RewriterFlow* f) const {
  switch (kind_of(f->proto)) {
    case K_TCP: return int64_t(to_.tcp_guarantee) * 1000;
    case K_UDP: return int64_t(to_.udp_guarantee) * 1000;
    default: return int64_t(to_.plain_guarantee) * 1000;
  }
}

int64_t IPRewriterBase::timeout_ms(const RewriterFlow* f) const {
  switch (kind_of(f->proto)) {
    case K_TCP:   // both sides closed: short; both sides sent data: long; else "no data"
      if ((f->tflags & 3) == 3) return int64_t(to_.tcp_done) * 1000;
      if ((f->tflags & 12) == 12) return int64_t(to_.tcp_data) * 1000;
      return int64_t(to_.tcp_nodata) * 1000;
    case K_UDP:   // streaming: at least 3 packets, one of them a reply
      return int64_t(f->tflags > 6 ? to_.udp_streaming : to_.udp) * 1000;
    default: return int64_t(to_.plain) * 1000;
  }
}

void IPRewriterBase::set_expiry(RewriterFlow* f, bool guaranteed, int64_t expiry) {
  heap_->heap[f->guaranteed].erase(f);
  f->guaranteed = guaranteed;
  f->expiry = expiry;
  heap_->heap[guaranteed].insert(f);
}

void IPRewriterBase::shift_best_effort(int64_t now) {
  auto& g = heap_->heap[1];
  while (!g.empty() && (*g.begin())->expiry <= now) {
    RewriterFlow* f = *g.begin();
    IPRewriterBase* o = f->owner;
    o->set_expiry(f, false, f->expiry + o->timeout_ms(f) - o->guarantee_ms(f));
  }
}

void IPRewriterBase::destroy(RewriterFlow* f) {
  heap_->heap[f->guaranteed].erase(f);
  IPRewriterBase* o = f->owner;
  --o->specs_[f->input].count;
  for (int d = 0; d < 2; ++d) {
    auto it = o->table_.find(f->key[d]);
    if (it != o->table_.end() && it->second.flow == f) o->table_.erase(it);
  }
  delete f;
}

void IPRewriterBase::shrink(bool all) {
  int64_t now = Timestamp::now_steady().msecval();
  shift_best_effort(now);
  auto& be = heap_->heap[0];
  while (!be.empty() && (*be.begin())->expiry <= now) (*be.begin())->owner->destroy(*be.begin());
  size_t cap = all ? 0 : size_t(std::max<int64_t>(heap_->capacity, 0));
  while (heap_->size() > cap) {
    RewriterFlow* f = *heap_->heap[be.empty() ? 1 : 0].begin();
    f->owner->destroy(f);
  }
}

RewriterFlow* IPRewriterBase::add_flow(int input, uint8_t proto, const Flow& from, const Flow& to, int fout, int rout) {
  Spec& sp = specs_[input];
  auto* f = new RewriterFlow;
  f->owner = this;
  f->input = input;
  f->proto = proto;
  f->key[0] = from;
  f->to[0] = to;
  f->key[1] = reply(to);
  f->to[1] = reply(from);
  f->output[0] = fout;
  f->output[1] = rout;
  f->serial = heap_->next_serial++;
  int64_t now = Timestamp::now_steady().msecval(), g = guarantee_ms(f);
  f->guaranteed = g != 0;
  f->expiry = now + (g ? g : timeout_ms(f));
  // a reply key already taken belongs to a stale flow: it goes
  auto old = table_.find(f->key[1]);
  if (old != table_.end()) destroy(old->second.flow);
  table_[f->key[0]] = {f, 0};
  table_[f->key[1]] = {f, 1};
  heap_->heap[f->guaranteed].insert(f);
  ++sp.count;
  if (int64_t(heap_->size()) > heap_->capacity) {
    // Full: evict the best-effort flow that expires first; with none, refuse
    // the new flow so earlier guarantees hold (admission control).
    shift_best_effort(now);
    RewriterFlow* dead = heap_->heap[0].empty() ? f : *heap_->heap[0].begin();
    dead->owner->destroy(dead);
    if (dead == f) { ++sp.failures; return nullptr; }
  }
  return f;
}

void IPRewriterBase::track(RewriterFlow* f, int dir, const Packet* p) {
  const click_ip* iph = p->ip_header();
  if (kind_of(f->proto) == K_TCP && iph->ip_p == IP_PROTO_TCP) {
    const unsigned char* th = p->network_header() + iph->ip_hl * 4;
    if (p->end_data() - th < 14) return;
    uint8_t flags = th[13];
    int off = (th[12] >> 4) * 4;
    bool payload = iph->ip_hl * 4 + off < ntohs(iph->ip_len);
    if (flags & 0x04) f->tflags |= 3;              // RST: both done
    else if (flags & 0x01) f->tflags |= 1 << dir;  // FIN: this side done
    else if ((flags & 0x02) || payload) f->tflags &= ~(1 << dir);
    if (payload) f->tflags |= 4 << dir;
  } else if (kind_of(f->proto) == K_UDP) {
    if (dir) f->tflags |= 1;
    if (f->tflags < 6) f->tflags += 2;
  }
}

RewriterFlow* IPRewriterBase::make_flow(int port, uint8_t proto, const Flow& k) {
  Spec& sp = specs_[port];
  if (sp.kind == S_DROP || sp.kind == S_PASS) return nullptr;
  Flow to = k;
  int fout = sp.fout, rout = sp.rout;
  if (sp.kind == S_PATTERN && !choose(*sp.pat, k, to)) { ++sp.failures; return nullptr; }
  if (sp.kind == S_MAPPER && (!sp.mapper->map_flow(this, k, to, fout, rout) || fout >= noutputs() || rout >= noutputs())) {
    ++sp.failures;
    return nullptr;
  }
  if (sp.kind == S_KEEP && in_use(to)) return nullptr;
  if (mode() == M_ICMPPING) std::get<4>(to) = uint16_t(std::get<2>(to) + 1);   // the new identifier, as a flow
  return add_flow(port, proto, k, to, fout, rout);
}

RewriterFlow* IPRewriterBase::flow_for(const Flow& key, int input, int& dir) {
  if (RewriterFlow* f = find_flow(key, dir)) return f;
  if (input < 0 || input >= specs_.size()) return nullptr;
  dir = 0;
  return make_flow(input, std::get<0>(key), key);
}

bool RewriterFlow::add_seq_delta(int dir, uint32_t trigger, int32_t d) {
  auto& v = seq_deltas[dir];
  if (!v.empty() && int32_t(trigger - v.back().trigger) < 0) return false;   // transitions go in sequence order
  int32_t total = (v.empty() ? seq_base[dir] : v.back().delta) + d;
  if (!v.empty() && v.back().trigger == trigger) v.back().delta = total;
  else v.push_back({trigger, total});
  return true;
}

uint32_t RewriterFlow::new_seq(int dir, uint32_t seq) const {
  const auto& v = seq_deltas[dir];
  for (size_t i = v.size(); i-- > 0;)
    if (int32_t(seq - v[i].trigger) >= 0) return seq + uint32_t(v[i].delta);
  return seq + uint32_t(seq_base[dir]);
}

uint32_t RewriterFlow::new_ack(int dir, uint32_t ack) const {
  // an ack in direction dir acknowledges the other direction's (rewritten) data
  const auto& v = seq_deltas[!dir];
  for (size_t i = v.size(); i-- > 0;)
    if (int32_t(ack - (v[i].trigger + uint32_t(v[i].delta))) >= 0) return ack - uint32_t(v[i].delta);
  return ack - uint32_t(seq_base[!dir]);
}

void RewriterFlow::retire_seq_deltas(int dir, uint32_t seq) {
  auto& v = seq_deltas[dir];
  if (!v.empty() && int32_t(seq - (v.back().trigger + (1U << 30))) >= 0) {
    seq_base[dir] = v.back().delta;
    v.clear();
  }
}

// TCP sequence numbers, acknowledgements and SACK blocks moved by the flow's
// deltas (payload edits such as FTPPortMapper's); checksum updated incrementally.
void IPRewriterBase::apply_seq(WritablePacket* p, RewriterFlow* f, int dir) {
  const click_ip* iph = p->ip_header();
  unsigned char* th = p->network_header() + iph->ip_hl * 4;
  int avail = int(p->end_data() - th);
  if (avail < 20) return;
  uint16_t* sum = reinterpret_cast<uint16_t*>(th + 16);
  auto move32 = [&](unsigned char* at, uint32_t (RewriterFlow::*fn)(int, uint32_t) const) {
    uint32_t oldn, v;
    memcpy(&oldn, at, 4);
    v = htonl((f->*fn)(dir, ntohl(oldn)));
    if (v == oldn) return;
    memcpy(at, &v, 4);
    click_update_in_cksum(sum, reinterpret_cast<uint16_t*>(&oldn)[0], reinterpret_cast<uint16_t*>(&v)[0]);
    click_update_in_cksum(sum, reinterpret_cast<uint16_t*>(&oldn)[1], reinterpret_cast<uint16_t*>(&v)[1]);
  };
  uint32_t seq;
  memcpy(&seq, th + 4, 4);
  f->retire_seq_deltas(dir, ntohl(seq));
  if (!f->seq_deltas[dir].empty() || f->seq_base[dir]) move32(th + 4, &RewriterFlow::new_seq);
  if (f->seq_deltas[!dir].empty() && !f->seq_base[!dir]) return;
  move32(th + 8, &RewriterFlow::new_ack);
  int off = std::min((th[12] >> 4) * 4, avail);
  for (int i = 20; i < off;) {   // SACK blocks (kind 5) acknowledge the other direction too
    uint8_t kind = th[i];
    if (kind == 0) break;
    if (kind == 1) { ++i; continue; }
    if (i + 1 >= off || th[i + 1] < 2 || i + th[i + 1] > off) break;
    if (kind == 5 && th[i + 1] % 8 == 2)
      for (int b = i + 2; b + 8 <= i + th[i + 1]; b += 8) {
        move32(th + b, &RewriterFlow::new_ack);
        move32(th + b + 4, &RewriterFlow::new_ack);
      }
    i += th[i + 1];
  }
}

void IPRewriterBase::push(int port, Packet* p) {
  const click_ip* iph = p->ip_header();
  bool ok = iph && ((mode() != M_PORTS && mode() != M_ICMPPING) ||
                    (handles(iph->ip_p) && !(IP_ISFRAG(iph) && !IP_FIRSTFRAG(iph)) &&
                     p->end_data() - p->network_header() >= iph->ip_hl * 4 + (mode() == M_PORTS ? 8 : 6)));
  if (ok && mode() == M_ICMPPING) {   // echoes and echo replies only
    uint8_t type = p->network_header()[iph->ip_hl * 4];
    ok = type == 8 || type == 0;
  }
  Spec& sp = specs_[port];
  if (!ok) {
    if (sp.kind == S_PASS) output(sp.fout).push(p); else p->kill();
    return;
  }
  Flow k = key_of(p);
  auto it = table_.find(k);
  if (it == table_.end() && mode() == M_ADDR) it = table_.find(Flow(1, 0, 0, iph->ip_dst.s_addr, 0));
  Entry fresh{nullptr, 0};
  if (it == table_.end() && mode() == M_ICMPPING && p->network_header()[iph->ip_hl * 4] != 8) {
    // a reply to no known echo
    if (sp.kind == S_PASS) output(sp.fout).push(p); else p->kill();
    return;
  }
  if (it == table_.end()) {
    if (sp.kind == S_DROP) { p->kill(); return; }
    if (sp.kind == S_PASS) { output(sp.fout).push(p); return; }
    RewriterFlow* nf = make_flow(port, mode() == M_PORTS ? iph->ip_p : 0, k);
    if (!nf) { p->kill(); return; }
    if (reply_anno_ >= 0) nf->reply_anno = p->anno_u8(reply_anno_);
    // the packet that made the flow goes forward, even when the reply key is
    // the same as the forward key (a flow from an address to itself)
    fresh = Entry{nf, 0};
  }
  RewriterFlow* f = it != table_.end() ? it->second.flow : fresh.flow;
  int dir = it != table_.end() ? it->second.dir : 0;
  WritablePacket* q = p->uniqueify();
  if (!q) return;
  if (mode() == M_ICMPPING) rewrite_ping(q, f->to[dir], dir);
  else rewrite(q, f->to[dir]);
  if (f->proto == IP_PROTO_TCP && f->moves_seq()) apply_seq(q, f, dir);
  track(f, dir, q);
  if (dir && reply_anno_ >= 0) q->set_anno_u8(reply_anno_, f->reply_anno);
  int64_t now = Timestamp::now_steady().msecval(), g = guarantee_ms(f);
  if (g) set_expiry(f, true, now + g);
  else set_expiry(f, false, now + timeout_ms(f));
  output(f->output[dir]).push(q);
}

void IPRewriterBase::cleanup(CleanupStage) {
  for (int h = 0; h < 2; ++h) {
    std::vector<RewriterFlow*> mine;
    for (RewriterFlow* f : heap_->heap[h]) if (f->owner == this) mine.push_back(f);
    for (RewriterFlow* f : mine) destroy(f);
  }
}

String IPRewriterBase::unparse_flow(const Flow& f) const {
  if (mode() == M_PORTS)
    return "(" + IPAddress(std::get<1>(f)).unparse() + ", " + std::to_string(ntohs(std::get<2>(f))) + ", " +
           IPAddress(std::get<3>(f)).unparse() + ", " + std::to_string(ntohs(std::get<4>(f))) + ")";
  if (mode() == M_ICMPPING)
    return "(" + IPAddress(std::get<1>(f)).unparse() + ", " + IPAddress(std::get<3>(f)).unparse() + ", " +
           std::to_string(ntohs(std::get<2>(f))) + ")";
  if (mode() == M_ADDR) return String("(") + IPAddress(std::get<0>(f) ? std::get<3>(f) : std::get<1>(f)).unparse() + ")";
  return "(" + IPAddress(std::get<1>(f)).unparse() + ", " + IPAddress(std::get<3>(f)).unparse() + ")";
}

String IPRewriterBase::unparse_table(int proto) const {
  // Click's form: FLOW => REWRITTEN [FOUT ROUT] (a star marks this entry's
  // direction) iINPUT expSECONDS
  int64_t now = Timestamp::now_steady().msecval();
  String s;
  for (auto& kv : table_) {
    const RewriterFlow* f = kv.second.flow;
    if (proto >= 0 && f->proto != proto) continue;
    int d = kv.second.dir;
    s += unparse_flow(kv.first) + " => " + unparse_flow(f->to[d]) + " [" + (d ? "" : "*") + std::to_string(f->output[0]) +
         " " + (d ? "*" : "") + std::to_string(f->output[1]) + "] i" + std::to_string(f->input) + " exp" +
         std::to_string((f->expiry + 500 - now) / 1000) + "\n";
  }
  return s;
}

String IPRewriterBase::lookup(int proto, const String& param, ErrorHandler* errh) const {
  Vector<String> w;
  cp_spacevec(param, w);
  uint32_t sa, da, sp, dp;
  if (w.size() != 4 || !parse_addr(w[0], sa) || !parse_u16(w[1], sp) || !parse_addr(w[2], da) || !parse_u16(w[3], dp)) {
    errh->error("expected 'SADDR SPORT DADDR DPORT'");
    return String();
  }
  auto it = table_.find(Flow(uint8_t(proto), htonl(sa), htons(uint16_t(sp)), htonl(da), htons(uint16_t(dp))));
  if (it == table_.end()) return String();
  const Flow& t = it->second.flow->to[it->second.dir];
  return IPAddress(std::get<1>(t)).unparse() + " " + std::to_string(ntohs(std::get<2>(t))) + " " +
         IPAddress(std::get<3>(t)).unparse() + " " + std::to_string(ntohs(std::get<4>(t)));
}

void IPRewriterBase::add_handlers() {
  add_read_handler("table", [this]() { return unparse_table(-1); });
  add_read_handler("mappings", [this]() { return unparse_table(-1); });
  if (mode() == M_PORTS) {
    add_read_handler("tcp_table", [this]() { return unparse_table(IP_PROTO_TCP); });
    add_read_handler("udp_table", [this]() { return unparse_table(IP_PROTO_UDP); });
    add_read_param_handler("lookup", [this](const String& a, ErrorHandler* e) { return lookup(IP_PROTO_TCP, a, e); });
    add_read_param_handler("tcp_lookup", [this](const String& a, ErrorHandler* e) { return lookup(IP_PROTO_TCP, a, e); });
  }
  add_read_handler("nmappings", [this]() {
    uint64_t n = 0;
    for (auto& sp : specs_) n += sp.count;
    return std::to_string(n);
  });
  add_read_handler("mapping_failures", [this]() {
    uint64_t n = 0;
    for (auto& sp : specs_) n += sp.failures;
    return std::to_string(n);
  });
  add_read_handler("size", [this]() { return std::to_string(heap_->size()); });
  add_read_handler("capacity", [this]() { return std::to_string(heap_->capacity); });
  add_write_handler("capacity", [this](const String& d, ErrorHandler* errh) -> int {
    String t = cp_uncomment(d);
    char* end;
    long v = strtol(t.c_str(), &end, 10);
    if (t.empty() || !isdigit((unsigned char)t[0]) || *end) return errh->error("expected CAPACITY (an integer)");
    heap_->capacity = v;
    shrink(false);
    return 0;
  });
  add_write_handler("clear", [this](const String&, ErrorHandler*) { shrink(true); return 0; }, Handler::f_button);
  auto spec_text = [this](int i) {
    const Spec& sp = specs_[i];
    String s = sp.kind == S_DROP ? String("<drop>") : sp.kind == S_PASS ? String("<nochange>")
             : sp.kind == S_KEEP ? String("<keep>") : sp.kind == S_MAPPER ? String("<mapper>") : sp.pat->unparse(mode() == M_PORTS);
    if (sp.count) s += " [" + std::to_string(sp.count) + "]";
    return s + "\n";
  };
  add_read_handler("patterns", [this, spec_text]() {
    String s;
    for (int i = 0; i < specs_.size(); ++i) s += spec_text(i);
    return s;
  });
  for (int i = 0; i < specs_.size(); ++i) {
    add_read_handler("pattern" + std::to_string(i), [spec_text, i]() { return spec_text(i); });
    add_write_handler("pattern" + std::to_string(i), [this, i](const String& d, ErrorHandler* errh) -> int {
      Spec s;
      if (parse_spec(cp_uncomment(d), i, s, errh) < 0) return -EINVAL;
      // the flows this input made go with its old spec
      std::vector<RewriterFlow*> mine;
      for (int h = 0; h < 2; ++h)
        for (RewriterFlow* f : heap_->heap[h]) if (f->owner == this && f->input == i) mine.push_back(f);
      for (RewriterFlow* f : mine) destroy(f);
      specs_[i] = s;
      return 0;
    });
  }
}

CLICK_ENDDECLS
