// ICMPError. See icmperror.hh.
#include "icmperror.hh"
#include <click/args.hh>
#include <click/confparse.hh>
#include <click/router.hh>
CLICK_DECLS
#include <cctype>

namespace {
struct NameNum { const char* name; int num; };
const NameNum icmp_types[] = {
    {"echo-reply", 0}, {"echoreply", 0}, {"unreachable", 3}, {"sourcequench", 4}, {"redirect", 5}, {"echo", 8},
    {"routeradvert", 9}, {"routersolicit", 10}, {"timeexceeded", 11}, {"parameterproblem", 12}, {"timestamp", 13},
    {"timestamp-reply", 14}, {"inforeq", 15}, {"inforeq-reply", 16}, {"maskreq", 17}, {"maskreq-reply", 18}, {nullptr, 0}};
const NameNum unreach_codes[] = {
    {"net", 0}, {"host", 1}, {"protocol", 2}, {"port", 3}, {"needfrag", 4}, {"srcroutefail", 5}, {"net-unknown", 6},
    {"host-unknown", 7}, {"isolated", 8}, {"net-prohibited", 9}, {"host-prohibited", 10}, {"tos-net", 11}, {"tos-host", 12},
    {"filter-prohibited", 13}, {"host-precedence", 14}, {"precedence-cutoff", 15}, {nullptr, 0}};
const NameNum redirect_codes[] = {{"net", 0}, {"host", 1}, {"tos-net", 2}, {"tos-host", 3}, {nullptr, 0}};
const NameNum timxceed_codes[] = {{"transit", 0}, {"reassembly", 1}, {nullptr, 0}};
const NameNum paramprob_codes[] = {{"erroratptr", 0}, {"missingopt", 1}, {"length", 2}, {nullptr, 0}};
int lookup(const NameNum* t, const String& s) {
  for (int i = 0; t && t[i].name; ++i) if (s == t[i].name) return t[i].num;
  char* end;
  long v = strtol(s.c_str(), &end, 0);
  if (!s.empty() && !*end && v >= 0 && v <= 255) return int(v);
  return -1;
}
bool unicast(uint32_t a) {
  uint32_t h = ntohl(a);
  return h != 0xFFFFFFFFU && (h & 0xF0000000U) != 0xE0000000U;
}
bool valid_source(uint32_t a) {
  uint32_t h = ntohl(a);
  unsigned net = (h >> 24) & 0xFF;
  return unicast(a) && net != 0 && net != 127 && (net & 0xF0) != 0xF0;
}
bool is_error_type(int t) {
  return t == ICMP_UNREACH || t == ICMP_SOURCEQUENCH || t == ICMP_REDIRECT || t == ICMP_TIMXCEED || t == ICMP_PARAMPROB;
}
const uint8_t* valid_source_route(const click_ip* iph) {
  const uint8_t* oa = reinterpret_cast<const uint8_t*>(iph);
  int hlen = iph->ip_hl << 2;
  for (int oi = sizeof(click_ip); oi < hlen;) {
    unsigned type = oa[oi];
    if (type == IPOPT_NOP) { ++oi; continue; }
    if (type == IPOPT_EOL) return nullptr;
    if (oi + 1 >= hlen) return nullptr;
    int xlen = oa[oi + 1];
    if (xlen < 2 || oi + xlen > hlen) return nullptr;
    if ((type == IPOPT_LSRR || type == IPOPT_SSRR) && oa[oi + 2] >= 4 && oa[oi + 2] % 4 == 0 && oa[oi + 2] <= xlen + 1) return oa + oi;
    oi += xlen;
  }
  return nullptr;
}
struct IPAddressListArg {
  bool parse(const String& s, Vector<IPAddress>& out, const ArgContext& c) const {
    Vector<String> words;
    cp_spacevec(s, words);
    for (auto& w : words) { IPAddress a; if (!IPAddressArg().parse(w, a, c)) return false; out.push_back(a); }
    return true;
  }
};
}  // namespace

int ICMPError::parse_type(const String& s) { return lookup(icmp_types, s); }
int ICMPError::parse_code(int type, const String& s) {
  const NameNum* t = type == ICMP_UNREACH ? unreach_codes : type == ICMP_REDIRECT ? redirect_codes
                   : type == ICMP_TIMXCEED ? timxceed_codes : type == ICMP_PARAMPROB ? paramprob_codes : nullptr;
  return lookup(t, s);
}

int ICMPError::configure(Vector<String>& conf, ErrorHandler* errh) {
  String type, code = "0";
  IPAddress src;
  Vector<IPAddress> bad;
  uint32_t mtu = 576, pmtu = 0;
  bool fix = true;
  if (Args(conf, this, errh)
          .read_mp("SRC", src)
          .read_mp("TYPE", WordArg(), type)
          .read_p("CODE", WordArg(), code)
          .read("BADADDRS", IPAddressListArg(), bad)
          .read("MTU", mtu)
          .read("PMTU", pmtu)
          .read("SET_FIX_ANNO", fix)
          .complete() < 0)
    return -EINVAL;
  int t = parse_type(type);
  if (t < 0) return errh->error("TYPE: unknown ICMP type '%s'", type.c_str());
  int c = parse_code(t, code);
  if (c < 0) return errh->error("CODE: unknown ICMP code '%s'", code.c_str());
  if (!is_error_type(t)) errh->warning("ICMP type %d is not an error type", t);
  if (mtu < sizeof(click_ip) + sizeof(click_icmp)) return errh->error("MTU too small");
  src_ = src; type_ = t; code_ = c; bad_addrs_ = bad; mtu_ = mtu; pmtu_ = pmtu; use_fix_anno_ = fix;
  return 0;
}

Packet* ICMPError::simple_action(Packet* p) {
  WritablePacket* q = nullptr;
  const click_ip* ipp = p->ip_header();
  const uint8_t* source_route;
  click_ip* nip;
  click_icmp* icp;
  unsigned hlen, xlen, netlen;
  if (!ipp || p->network_header_offset() < 0 || p->length() < uint32_t(p->network_header_offset()) + sizeof(click_ip)) goto out;
  hlen = ipp->ip_hl << 2;
  netlen = p->length() - uint32_t(p->network_header_offset());
  if (ipp->ip_p == IP_PROTO_ICMP) {
    if (hlen + 4 > netlen || is_error_type(p->network_header()[hlen])) goto out;
  }
  if (!unicast(ipp->ip_dst.s_addr)) goto out;
  for (auto& b : bad_addrs_) if (b.addr() == ipp->ip_dst.s_addr) goto out;
  if (p->packet_type_anno() == Packet::BROADCAST || p->packet_type_anno() == Packet::MULTICAST) goto out;
  if (!valid_source(ipp->ip_src.s_addr)) goto out;
  if (!IP_FIRSTFRAG(ipp)) goto out;
  source_route = valid_source_route(ipp);
  if (source_route) {
    if (type_ == ICMP_REDIRECT) goto out;
    const uint8_t* ptr = reinterpret_cast<const uint8_t*>(ipp) + ICMP_PARAMPROB_ANNO(p);
    if (type_ == ICMP_PARAMPROB && code_ == ICMP_PARAMPROB_ERRATPTR && source_route <= ptr && ptr < source_route + source_route[1])
      source_route = nullptr;
  }
  q = Packet::make(Packet::default_headroom, nullptr, mtu_, 0);
  if (!q) goto out;
  memset(q->data(), 0, q->length());
  nip = reinterpret_cast<click_ip*>(q->data());
  nip->ip_v = 4;
  nip->ip_tos = 0;
  nip->ip_id = htons(id_++);
  nip->ip_off = 0;
  nip->ip_ttl = 200;
  nip->ip_p = IP_PROTO_ICMP;
  nip->ip_sum = 0;
  nip->ip_src = src_.in_addr();
  nip->ip_dst = ipp->ip_src;
  if (source_route) {
    uint8_t* o = reinterpret_cast<uint8_t*>(nip + 1);
    int olen = source_route[2] - 1;
    o[0] = source_route[0];
    o[1] = uint8_t(olen);
    o[2] = 4;
    o[olen] = IPOPT_EOL;
    o += 3;
    for (const uint8_t* oo = source_route + source_route[2] - 5; oo >= source_route + 3; oo -= 4, o += 4) memcpy(o, oo, 4);
    nip->ip_hl = (sizeof(click_ip) + olen + 3) >> 2;
  } else
    nip->ip_hl = sizeof(click_ip) >> 2;
  q->set_ip_header(nip, nip->ip_hl << 2);
  icp = q->icmp_header();
  icp->icmp_type = uint8_t(type_);
  icp->icmp_code = uint8_t(code_);
  icp->icmp_cksum = 0;
  icp->padding = 0;
  if (type_ == ICMP_PARAMPROB && code_ == ICMP_PARAMPROB_ERRATPTR)
    reinterpret_cast<click_icmp_paramprob*>(icp)->icmp_pointer = ICMP_PARAMPROB_ANNO(p);
  if (type_ == ICMP_REDIRECT) reinterpret_cast<click_icmp_redirect*>(icp)->icmp_gateway = p->dst_ip_anno().in_addr();
  if (type_ == ICMP_UNREACH && code_ == ICMP_UNREACH_NEEDFRAG) {
    uint16_t m = htons(uint16_t(pmtu_));
    memcpy(reinterpret_cast<uint8_t*>(icp) + 6, &m, 2);
  }
  xlen = uint32_t(q->end_data() - reinterpret_cast<uint8_t*>(icp + 1));
  if (xlen > netlen) { q->take(xlen - netlen); xlen = netlen; }
  memcpy(reinterpret_cast<uint8_t*>(icp + 1), p->network_header(), xlen);
  icp->icmp_cksum = click_in_cksum(reinterpret_cast<unsigned char*>(icp), int(sizeof(click_icmp) + xlen));
  nip->ip_len = htons(uint16_t(q->length() - uint32_t(q->network_header_offset())));
  nip->ip_sum = click_in_cksum(reinterpret_cast<unsigned char*>(nip), nip->ip_hl << 2);
  q->set_dst_ip_anno(IPAddress(nip->ip_dst));
  if (use_fix_anno_) SET_FIX_IP_SRC_ANNO(q, 1);
  q->set_timestamp_anno(Timestamp::now());
out:
  p->kill();
  return q;
}

void ICMPError::add_handlers() {
  add_data_handlers("src", Handler::f_read | Handler::f_write, &src_);
  add_data_handlers("mtu", Handler::f_read | Handler::f_write, &mtu_);
  add_data_handlers("pmtu", Handler::f_read | Handler::f_write, &pmtu_);
}
EXPORT_ELEMENT(ICMPError)
CLICK_ENDDECLS
