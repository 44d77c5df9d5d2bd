// IP summary dump fields. See ipsumdumpfields.hh.
#include "ipsumdumpfields.hh"
#include "md5.hh"
#include <click/checksum.hh>
#include <click/confparse.hh>
#include <click/ipaddress.hh>
#include <clicknet/ip.h>
#include <arpa/inet.h>
#include <cstring>
CLICK_DECLS
namespace ipsum {

namespace {
struct Name { const char* name; Field f; };
const Name names[] = {
  {"timestamp", F_TIMESTAMP}, {"ts", F_TIMESTAMP}, {"ts_sec", F_TS_SEC}, {"sec", F_TS_SEC},
  {"ts_usec", F_TS_USEC}, {"usec", F_TS_USEC}, {"ts_usec1", F_TS_USEC1},
  {"first_timestamp", F_FIRST_TIMESTAMP}, {"first_ts", F_FIRST_TIMESTAMP},
  {"src", F_SRC}, {"ip_src", F_SRC}, {"dst", F_DST}, {"ip_dst", F_DST},
  {"sport", F_SPORT}, {"dport", F_DPORT}, {"proto", F_PROTO}, {"ip_proto", F_PROTO},
  {"len", F_LEN}, {"length", F_LEN}, {"ip_len", F_LEN}, {"id", F_IP_ID}, {"ip_id", F_IP_ID},
  {"ip_tos", F_IP_TOS}, {"ip_ttl", F_IP_TTL}, {"ip_hl", F_IP_HL}, {"ip_ecn", F_IP_ECN},
  {"frag", F_IP_FRAG}, {"ip_frag", F_IP_FRAG}, {"fragoff", F_IP_FRAGOFF}, {"ip_fragoff", F_IP_FRAGOFF},
  {"ip_capture_len", F_IP_CAPTURE_LEN}, {"ip_opt", F_IP_OPT},
  {"tcp_seq", F_TCP_SEQ}, {"tcp_ack", F_TCP_ACK}, {"tcp_flags", F_TCP_FLAGS},
  {"tcp_window", F_TCP_WINDOW}, {"tcp_win", F_TCP_WINDOW}, {"tcp_urp", F_TCP_URP},
  {"tcp_off", F_TCP_OFF}, {"tcp_opt", F_TCP_OPT}, {"tcp_ntopt", F_TCP_NTOPT}, {"tcp_sack", F_TCP_SACK},
  {"udp_len", F_UDP_LEN}, {"payload", F_PAYLOAD}, {"payload_len", F_PAYLOAD_LEN},
  {"payload_md5", F_PAYLOAD_MD5}, {"payload_md5_hex", F_PAYLOAD_MD5_HEX},
  {"count", F_COUNT}, {"pkt_count", F_COUNT}, {"packet_count", F_COUNT},
  {"link", F_LINK}, {"direction", F_DIRECTION}, {"paint", F_PAINT}, {"aggregate", F_AGGREGATE}, {"agg", F_AGGREGATE},
  {"icmp_type", F_ICMP_TYPE}, {"icmp_code", F_ICMP_CODE}, {"icmp_type_name", F_ICMP_TYPE_NAME},
  {"icmp_code_name", F_ICMP_CODE_NAME}, {"icmp_flowid", F_ICMP_FLOWID}, {"icmp_seq", F_ICMP_SEQ},
  {"wire_len", F_WIRE_LEN},
};

const char* const icmp_type_names[] = {
  "echo-reply", nullptr, nullptr, "unreachable", "sourcequench", "redirect", nullptr, nullptr,
  "echo", "routeradvert", "routersolicit", "timeexceeded", "parameterproblem", "timestamp",
  "timestamp-reply", "inforeq", "inforeq-reply", "maskreq", "maskreq-reply"};
const int n_icmp_type_names = sizeof(icmp_type_names) / sizeof(icmp_type_names[0]);

const char tcp_flag_letters[] = "FSRPAUEW";

bool parse_uint(const String& s, uint64_t max, uint32_t& v) {
  if (s.empty()) return false;
  char* end;
  unsigned long long x = strtoull(s.c_str(), &end, 0);
  if (*end || x > max || s[0] == '-') return false;
  v = uint32_t(x);
  return true;
}

// Bytes [off, off+n) past the network header are in the packet.
bool has(const Packet* p, int off, int n) { return p->network_header() && off + n <= int(p->end_data() - p->network_header()); }

const click_ip* iph_of(const Packet* p) { return has(p, 0, 20) ? reinterpret_cast<const click_ip*>(p->network_header()) : nullptr; }

// Offset of the transport header past the network header; -1 if none (later fragment).
int transport_off(const click_ip* iph) {
  if (!iph || (ntohs(iph->ip_off) & IP_OFFMASK)) return -1;
  return iph->ip_hl * 4;
}

void unparse_tcp_opt(const unsigned char* o, int len, String& out) {
  String s;
  for (int i = 0; i < len;) {
    int kind = o[i];
    if (kind == 0) break;
    if (kind == 1) { ++i; continue; }
    if (i + 1 >= len || o[i + 1] < 2 || i + o[i + 1] > len) { s += s.empty() ? "" : ";"; s += "bad"; break; }
    int ol = o[i + 1];
    if (!s.empty()) s += ";";
    const unsigned char* v = o + i + 2;
    if (kind == 2 && ol == 4) s += "mss" + std::to_string((v[0] << 8) | v[1]);
    else if (kind == 3 && ol == 3) s += "wscale" + std::to_string(v[0]);
    else if (kind == 4 && ol == 2) s += "sackok";
    else if (kind == 5 && ol % 8 == 2) {
      s += "sack";
      for (int k = 0; k + 8 <= ol - 2; k += 8) {
        uint32_t a, b;
        memcpy(&a, v + k, 4); memcpy(&b, v + k + 4, 4);
        s += (k ? "," : "") + std::to_string(ntohl(a)) + "-" + std::to_string(ntohl(b));
      }
    } else if (kind == 8 && ol == 10) {
      uint32_t a, b;
      memcpy(&a, v, 4); memcpy(&b, v + 4, 4);
      s += "ts" + std::to_string(ntohl(a)) + ":" + std::to_string(ntohl(b));
    } else {
      s += std::to_string(kind);
      if (ol > 2) { s += "="; for (int k = 0; k < ol - 2; ++k) s += string_printf("%02x", v[k]); }
    }
    i += ol;
  }
  out += s.empty() ? "." : s;
}

bool parse_tcp_opt(const String& text, String& bytes) {
  bytes.clear();
  if (text == "." || text == "-") return true;
  size_t i = 0;
  while (i <= text.size()) {
    size_t e = text.find_first_of(";,", i);
    String o = text.substr(i, e == String::npos ? String::npos : e - i);
    uint32_t a, b;
    if (o.compare(0, 3, "mss") == 0 && parse_uint(o.substr(3), 65535, a)) bytes += String{2, 4, char(a >> 8), char(a)};
    else if (o.compare(0, 6, "wscale") == 0 && parse_uint(o.substr(6), 255, a)) bytes += String{3, 3, char(a)};
    else if (o == "sackok") bytes += String{4, 2};
    else if (o == "nop") bytes += String(1, 1);
    else if (o == "eol") bytes += String(1, '\0');
    else if (o.compare(0, 4, "sack") == 0) {
      String blocks;
      String r = o.substr(4);
      size_t d = r.find_first_of("-:");   // Click reads either between a block's edges
      if (d == String::npos || !parse_uint(r.substr(0, d), 0xFFFFFFFFULL, a) || !parse_uint(r.substr(d + 1), 0xFFFFFFFFULL, b)) return false;
      uint32_t na = htonl(a), nb = htonl(b);
      blocks.append((const char*)&na, 4).append((const char*)&nb, 4);
      bytes += String{5, char(2 + blocks.size())} + blocks;
    } else if (o.compare(0, 2, "ts") == 0) {
      String r = o.substr(2);
      size_t d = r.find(':');
      if (d == String::npos || !parse_uint(r.substr(0, d), 0xFFFFFFFFULL, a) || !parse_uint(r.substr(d + 1), 0xFFFFFFFFULL, b)) return false;
      uint32_t na = htonl(a), nb = htonl(b);
      bytes += String{8, 10};
      bytes.append((const char*)&na, 4).append((const char*)&nb, 4);
    } else
      return false;
    if (e == String::npos) break;
    i = e + 1;
  }
  while (bytes.size() % 4) bytes += String(1, 1);   // NOP padding to a 4-byte boundary... as trailing NOPs
  return bytes.size() <= 40;
}
}  // namespace

Field parse_field(const String& name) {
  for (auto& n : names) if (name == n.name) return n.f;
  return F_NONE;
}

const char* field_name(Field f) {
  for (auto& n : names) if (n.f == f) return n.name;
  return "none";
}

void unparse(Field f, const Packet* p, String& out) {
  const click_ip* iph = iph_of(p);
  int toff = transport_off(iph);
  int proto = iph ? iph->ip_p : -1;
  const unsigned char* nh = p->network_header();
  auto dash = [&]() { out += "-"; };
  auto u16 = [&](int off) { uint16_t v; memcpy(&v, nh + off, 2); return ntohs(v); };
  auto u32 = [&](int off) { uint32_t v; memcpy(&v, nh + off, 4); return ntohl(v); };
  bool tcp = proto == IP_PROTO_TCP && toff >= 0, udp = proto == IP_PROTO_UDP && toff >= 0;
  bool icmp = proto == IP_PROTO_ICMP && toff >= 0;
  switch (f) {
    case F_TIMESTAMP: case F_FIRST_TIMESTAMP: out += p->timestamp_anno().unparse_usec(); return;
    case F_TS_SEC: out += std::to_string(p->timestamp_anno().sec()); return;
    case F_TS_USEC: out += std::to_string(p->timestamp_anno().usec()); return;
    case F_TS_USEC1: out += std::to_string(p->timestamp_anno().usecval()); return;
    case F_SRC: if (iph) out += IPAddress(iph->ip_src).unparse(); else dash(); return;
    case F_DST: if (iph) out += IPAddress(iph->ip_dst).unparse(); else dash(); return;
    case F_SPORT: if ((tcp || udp) && has(p, toff, 2)) out += std::to_string(u16(toff)); else dash(); return;
    case F_DPORT: if ((tcp || udp) && has(p, toff + 2, 2)) out += std::to_string(u16(toff + 2)); else dash(); return;
    case F_PROTO:
      if (!iph) dash();
      else if (proto == IP_PROTO_TCP) out += "T";
      else if (proto == IP_PROTO_UDP) out += "U";
      else if (proto == IP_PROTO_ICMP) out += "I";
      else out += std::to_string(proto);
      return;
    case F_LEN: if (iph) out += std::to_string(ntohs(iph->ip_len)); else out += std::to_string(p->length() + p->anno_u32(EXTRA_LENGTH_ANNO_OFFSET)); return;
    case F_WIRE_LEN: out += std::to_string(p->length() + p->anno_u32(EXTRA_LENGTH_ANNO_OFFSET)); return;
    case F_IP_ID: if (iph) out += std::to_string(ntohs(iph->ip_id)); else dash(); return;
    case F_IP_TOS: if (iph) out += std::to_string(iph->ip_tos); else dash(); return;
    case F_IP_TTL: if (iph) out += std::to_string(iph->ip_ttl); else dash(); return;
    case F_IP_HL: if (iph) out += std::to_string(iph->ip_hl * 4); else dash(); return;
    case F_IP_ECN: {
      static const char* const ecn[] = {"no", "ect1", "ect2", "ce"};
      if (iph) out += ecn[iph->ip_tos & 3]; else dash();
      return;
    }
    case F_IP_FRAG: {
      if (!iph) { dash(); return; }
      uint16_t off = ntohs(iph->ip_off);
      if (off & (IP_MF | IP_OFFMASK)) out += (off & IP_OFFMASK) ? "f" : "F";
      else out += (off & IP_DF) ? "!" : ".";
      return;
    }
    case F_IP_FRAGOFF: {
      if (!iph) { dash(); return; }
      uint16_t off = ntohs(iph->ip_off);
      out += std::to_string((off & IP_OFFMASK) * 8);
      if (off & IP_MF) out += "+";
      return;
    }
    case F_IP_CAPTURE_LEN: out += std::to_string(p->end_data() - (nh ? nh : p->data())); return;
    case F_IP_OPT: {
      if (!iph) { dash(); return; }
      int hl = iph->ip_hl * 4;
      if (hl <= 20) { out += "."; return; }
      if (!has(p, 0, hl)) { dash(); return; }
      String s;
      for (int i = 20; i < hl;) {
        int k = nh[i];
        if (k == IPOPT_EOL) break;
        if (k == IPOPT_NOP) { ++i; continue; }
        int ol = i + 1 < hl ? nh[i + 1] : 0;
        if (ol < 2 || i + ol > hl) { s += (s.empty() ? "" : ";") + String("bad"); break; }
        if (!s.empty()) s += ";";
        if ((k == IPOPT_RR || k == IPOPT_LSRR || k == IPOPT_SSRR) && ol >= 3) {
          s += k == IPOPT_RR ? "rr" : k == IPOPT_LSRR ? "lsrr" : "ssrr";
          s += "{";
          int ptr = nh[i + 2];
          for (int a = 3; a + 4 <= ol; a += 4) {
            if (a + 1 == ptr) s += "^";
            else if (a > 3) s += ",";
            s += IPAddress(nh + i + a).unparse();
          }
          if (ptr > ol) s += "^";
          s += "}";
          if ((ol - 3) % 4) s += "+" + std::to_string((ol - 3) % 4);
        } else {
          s += std::to_string(k);
          if (ol > 2) { s += "="; for (int b = 2; b < ol; ++b) s += string_printf("%02x", nh[i + b]); }
        }
        i += ol;
      }
      out += s.empty() ? "." : s;
      return;
    }
    case F_TCP_SEQ: if (tcp && has(p, toff + 4, 4)) out += std::to_string(u32(toff + 4)); else dash(); return;
    case F_TCP_ACK: if (tcp && has(p, toff + 8, 4)) out += std::to_string(u32(toff + 8)); else dash(); return;
    case F_TCP_FLAGS: {
      if (!(tcp && has(p, toff + 13, 1))) { dash(); return; }
      int fl = nh[toff + 13] | ((nh[toff + 12] & 1) << 8);
      String s;
      for (int b = 0; b < 8; ++b) if (fl & (1 << b)) s += tcp_flag_letters[b];
      if (fl & 0x100) s += "N";
      out += s.empty() ? "." : s;
      return;
    }
    case F_TCP_WINDOW: if (tcp && has(p, toff + 14, 2)) out += std::to_string(u16(toff + 14)); else dash(); return;
    case F_TCP_URP: if (tcp && has(p, toff + 18, 2)) out += std::to_string(u16(toff + 18)); else dash(); return;
    case F_TCP_OFF: if (tcp && has(p, toff + 12, 1)) out += std::to_string((nh[toff + 12] >> 4) * 4); else dash(); return;
    case F_TCP_OPT: case F_TCP_NTOPT: case F_TCP_SACK: {
      if (!(tcp && has(p, toff + 12, 1))) { dash(); return; }
      int thl = (nh[toff + 12] >> 4) * 4;
      if (thl <= 20) { out += "."; return; }
      if (!has(p, toff, thl)) { dash(); return; }
      unparse_tcp_opt(nh + toff + 20, thl - 20, out);
      return;
    }
    case F_UDP_LEN: if (udp && has(p, toff + 4, 2)) out += std::to_string(u16(toff + 4)); else dash(); return;
    case F_PAYLOAD: case F_PAYLOAD_LEN: case F_PAYLOAD_MD5: case F_PAYLOAD_MD5_HEX: {
      if (!iph) { dash(); return; }
      int hoff = iph->ip_hl * 4;
      if (tcp) { if (!has(p, toff + 12, 1)) { dash(); return; } hoff = toff + (nh[toff + 12] >> 4) * 4; }
      else if (udp) hoff = toff + 8;   // as Click: only TCP and UDP headers are not payload (ICMP's is)
      int iplen = ntohs(iph->ip_len);
      if (f == F_PAYLOAD_LEN) { out += std::to_string(iplen > hoff ? iplen - hoff : 0); return; }
      int avail = int(p->end_data() - nh);
      int end = std::min(iplen, avail);
      String data = end > hoff ? String((const char*)nh + hoff, end - hoff) : String();
      if (f == F_PAYLOAD_MD5 || f == F_PAYLOAD_MD5_HEX) {
        unsigned char d[16];
        md5::digest(reinterpret_cast<const unsigned char*>(data.data()), data.size(), d);
        out += f == F_PAYLOAD_MD5 ? md5::text(d) : md5::hex(d);
        return;
      }
      String q = cp_quote(data);
      out += (q.empty() || q[0] != '"') ? "\"" + q + "\"" : q;   // always a quoted string
      return;
    }
    case F_COUNT: out += std::to_string(1 + p->anno_u32(EXTRA_PACKETS_ANNO_OFFSET)); return;
    case F_LINK: case F_PAINT: out += std::to_string(PAINT_ANNO(p)); return;
    case F_DIRECTION: {
      int d = PAINT_ANNO(p);
      out += d == 0 ? ">" : d == 1 ? "<" : std::to_string(d);
      return;
    }
    case F_AGGREGATE: out += std::to_string(p->anno_u32(AGGREGATE_ANNO_OFFSET)); return;
    case F_ICMP_TYPE: if (icmp && has(p, toff, 1)) out += std::to_string(nh[toff]); else dash(); return;
    case F_ICMP_CODE: if (icmp && has(p, toff + 1, 1)) out += std::to_string(nh[toff + 1]); else dash(); return;
    case F_ICMP_TYPE_NAME: case F_ICMP_CODE_NAME: {
      if (!(icmp && has(p, toff, 2))) { dash(); return; }
      int t = nh[toff];
      if (f == F_ICMP_TYPE_NAME && t < n_icmp_type_names && icmp_type_names[t]) out += icmp_type_names[t];
      else out += std::to_string(f == F_ICMP_TYPE_NAME ? t : nh[toff + 1]);
      return;
    }
    case F_ICMP_FLOWID: case F_ICMP_SEQ: {
      int t = icmp && has(p, toff, 1) ? nh[toff] : -1;
      bool seqd = t == 0 || t == 8 || t == 13 || t == 14 || t == 15 || t == 16 || t == 17 || t == 18;
      int off = toff + (f == F_ICMP_FLOWID ? 4 : 6);
      if (seqd && has(p, off, 2)) out += std::to_string(u16(off)); else dash();
      return;
    }
    default: dash(); return;
  }
}

WritablePacket* build(const Record& r, int default_proto, bool checksum, String& error) {
  auto val = [&](Field f) -> const String& { return r.text[f]; };
  auto have = [&](Field f) { return r.have[f] && val(f) != "-"; };
  auto bad = [&](Field f) { error = string_printf("bad %s '%s'", field_name(f), val(f).c_str()); return nullptr; };
  int proto = default_proto;
  if (have(F_PROTO)) {
    const String& v = val(F_PROTO);
    uint32_t x;
    if (v == "T") proto = IP_PROTO_TCP;
    else if (v == "U") proto = IP_PROTO_UDP;
    else if (v == "I") proto = IP_PROTO_ICMP;
    else if (parse_uint(v, 255, x)) proto = int(x);
    else return bad(F_PROTO);
  } else if (have(F_ICMP_TYPE) || have(F_ICMP_TYPE_NAME) || have(F_ICMP_CODE))
    proto = IP_PROTO_ICMP;
  uint16_t ip_off = 0;
  if (have(F_IP_FRAGOFF)) {
    String v = val(F_IP_FRAGOFF);
    bool mf = !v.empty() && v.back() == '+';
    if (mf) v.pop_back();
    uint32_t x;
    if (!parse_uint(v, 65535, x) || x % 8) return bad(F_IP_FRAGOFF);
    ip_off = uint16_t(x / 8) | (mf ? IP_MF : 0);
  } else if (have(F_IP_FRAG)) {
    const String& v = val(F_IP_FRAG);
    if (v == "F") ip_off = IP_MF;
    else if (v == "f") ip_off = 100;   // some later fragment
    else if (v == "!") ip_off = IP_DF;
    else if (v != ".") return bad(F_IP_FRAG);
  }
  String ipopt;
  if (have(F_IP_OPT) && val(F_IP_OPT) != ".") {
    // Route options "rr{A,B^C}" / "lsrr{...}" / "ssrr{...}"; others "KIND=HEX".
    String v = val(F_IP_OPT);
    size_t i = 0;
    while (i < v.size()) {
      size_t e = v.find(';', i);
      String o = v.substr(i, e == String::npos ? String::npos : e - i);
      int kind = o.compare(0, 3, "rr{") == 0 ? IPOPT_RR : o.compare(0, 5, "lsrr{") == 0 ? IPOPT_LSRR : o.compare(0, 5, "ssrr{") == 0 ? IPOPT_SSRR : -1;
      if (kind >= 0) {
        size_t lb = o.find('{'), rb = o.find('}');
        if (rb == String::npos) return bad(F_IP_OPT);
        String inner = o.substr(lb + 1, rb - lb - 1), addrs;
        int ptr = -1, n = 0;
        size_t k = 0;
        while (k <= inner.size()) {
          if (k < inner.size() && inner[k] == '^') { ptr = 4 + 4 * n; ++k; }
          size_t c = inner.find_first_of(",^", k);
          String a = inner.substr(k, c == String::npos ? String::npos : c - k);
          if (!a.empty()) {
            struct in_addr ia;
            if (inet_pton(AF_INET, a.c_str(), &ia) != 1) return bad(F_IP_OPT);
            addrs.append((const char*)&ia, 4);
            ++n;
          }
          if (c == String::npos) break;
          k = inner[c] == ',' ? c + 1 : c;
        }
        int extra = 0;
        if (rb + 1 < o.size() && o[rb + 1] == '+') extra = atoi(o.c_str() + rb + 2);
        addrs += String(extra, '\0');
        if (ptr < 0) ptr = 4 + 4 * n;
        ipopt += String{char(kind), char(3 + addrs.size()), char(ptr)} + addrs;
      } else {
        size_t eq = o.find('=');
        uint32_t k2;
        if (!parse_uint(o.substr(0, eq), 255, k2)) return bad(F_IP_OPT);
        String hex = eq == String::npos ? String() : o.substr(eq + 1), bytes;
        for (size_t h = 0; h + 1 < hex.size(); h += 2) bytes += char(strtol(hex.substr(h, 2).c_str(), nullptr, 16));
        ipopt += String{char(k2), char(2 + bytes.size())} + bytes;
      }
      if (e == String::npos) break;
      i = e + 1;
    }
    while (ipopt.size() % 4) ipopt += '\0';
    if (ipopt.size() > 40) return bad(F_IP_OPT);
  }
  if (have(F_IP_HL)) {   // a longer header than the options need: pad with zero (end-of-list) bytes
    uint32_t x;
    if (!parse_uint(val(F_IP_HL), 60, x) || x < 20 || x % 4) return bad(F_IP_HL);
    if (x > 20 + ipopt.size()) ipopt += String(x - 20 - ipopt.size(), '\0');
  }
  bool first_frag = (ip_off & IP_OFFMASK) == 0;
  String tcpopt;
  if (proto == IP_PROTO_TCP && have(F_TCP_OPT) && !parse_tcp_opt(val(F_TCP_OPT), tcpopt)) return bad(F_TCP_OPT);
  int thl = !first_frag ? 0 : proto == IP_PROTO_TCP ? 20 + int(tcpopt.size()) : (proto == IP_PROTO_UDP || proto == IP_PROTO_ICMP) ? 8 : 0;
  if (proto == IP_PROTO_TCP && first_frag && have(F_TCP_OFF)) {
    uint32_t x;
    if (!parse_uint(val(F_TCP_OFF), 60, x) || x < 20 || x % 4) return bad(F_TCP_OFF);
    if (int(x) > thl) { tcpopt += String(x - thl, '\0'); thl = x; }
  }
  String payload;
  if (have(F_PAYLOAD)) payload = cp_unquote(val(F_PAYLOAD));
  int hl = 20 + int(ipopt.size());
  int datalen = hl + thl + int(payload.size());
  uint32_t iplen = datalen;
  if (have(F_LEN)) { if (!parse_uint(val(F_LEN), 65535, iplen)) return bad(F_LEN); }
  else if (have(F_PAYLOAD_LEN)) { uint32_t x; if (!parse_uint(val(F_PAYLOAD_LEN), 65535, x)) return bad(F_PAYLOAD_LEN); iplen = hl + thl + x; }
  int pktlen = datalen;
  if (!have(F_PAYLOAD) && int(iplen) < pktlen) pktlen = std::max<int>(iplen, hl);   // headers beyond the length are not there
  WritablePacket* p = Packet::make(pktlen);
  if (!p) { error = "out of memory"; return nullptr; }
  unsigned char* d = p->data();
  memset(d, 0, pktlen);
  click_ip* iph = reinterpret_cast<click_ip*>(d);
  iph->ip_v = 4;
  iph->ip_hl = hl / 4;
  iph->ip_len = htons(uint16_t(iplen));
  iph->ip_off = htons(ip_off);
  iph->ip_p = proto;
  iph->ip_ttl = 100;   // Click's default TTL for summary-dump packets
  memcpy(d + 20, ipopt.data(), std::min<int>(ipopt.size(), pktlen - 20));
  p->set_network_header(d, hl);
  if (int(iplen) > pktlen) p->set_anno_u32(EXTRA_LENGTH_ANNO_OFFSET, iplen - pktlen);
  auto ipv = [&](Field f, unsigned char* a) -> bool {
    struct in_addr ia;
    if (!have(f)) return true;
    if (inet_pton(AF_INET, val(f).c_str(), &ia) != 1) return false;
    memcpy(a, &ia, 4);
    return true;
  };
  if (!ipv(F_SRC, d + 12)) { p->kill(); return bad(F_SRC); }
  if (!ipv(F_DST, d + 16)) { p->kill(); return bad(F_DST); }
  p->set_dst_ip_anno(IPAddress(d + 16));   // as Click: routing and ARP elements read the annotation
  auto num = [&](Field f, uint64_t max, uint32_t& x) -> int {   // 1 set, 0 absent, -1 bad
    if (!have(f)) return 0;
    return parse_uint(val(f), max, x) ? 1 : -1;
  };
  uint32_t x;
  int st;
  if ((st = num(F_IP_ID, 65535, x)) < 0) { p->kill(); return bad(F_IP_ID); } else if (st) iph->ip_id = htons(x);
  if ((st = num(F_IP_TOS, 255, x)) < 0) { p->kill(); return bad(F_IP_TOS); } else if (st) iph->ip_tos = x;
  if ((st = num(F_IP_TTL, 255, x)) < 0) { p->kill(); return bad(F_IP_TTL); } else if (st) iph->ip_ttl = x;
  if (have(F_IP_ECN)) {
    static const char* const ecn[] = {"no", "ect1", "ect2", "ce"};
    int e = -1;
    for (int k = 0; k < 4; ++k) if (val(F_IP_ECN) == ecn[k]) e = k;
    if (e < 0 && parse_uint(val(F_IP_ECN), 3, x)) e = x;
    if (e < 0) { p->kill(); return bad(F_IP_ECN); }
    iph->ip_tos = (iph->ip_tos & ~3) | e;
  }
  unsigned char* th = d + hl;
  int tavail = pktlen - hl;
  auto put16 = [&](int off, uint32_t v) { if (off + 2 <= tavail) { uint16_t n = htons(v); memcpy(th + off, &n, 2); } };
  auto put32 = [&](int off, uint32_t v) { if (off + 4 <= tavail) { uint32_t n = htonl(v); memcpy(th + off, &n, 4); } };
  if (thl) {
    if (proto == IP_PROTO_TCP || proto == IP_PROTO_UDP) {
      if ((st = num(F_SPORT, 65535, x)) < 0) { p->kill(); return bad(F_SPORT); } else if (st) put16(0, x);
      if ((st = num(F_DPORT, 65535, x)) < 0) { p->kill(); return bad(F_DPORT); } else if (st) put16(2, x);
    }
    if (proto == IP_PROTO_TCP) {
      if ((st = num(F_TCP_SEQ, 0xFFFFFFFFULL, x)) < 0) { p->kill(); return bad(F_TCP_SEQ); } else if (st) put32(4, x);
      if ((st = num(F_TCP_ACK, 0xFFFFFFFFULL, x)) < 0) { p->kill(); return bad(F_TCP_ACK); } else if (st) put32(8, x);
      if (12 < tavail) th[12] = (thl / 4) << 4;
      uint32_t fl = 0;   // no tcp_flags field: no flags (Click prints such packets with "." and no ack)
      if (have(F_TCP_FLAGS)) {
        const String& v = val(F_TCP_FLAGS);
        if (!parse_uint(v, 511, fl)) {
          fl = 0;
          if (v != ".")
            for (char c : v) {
              const char* q = strchr(tcp_flag_letters, c);
              if (c == 'N') fl |= 0x100;
              else if (c == 'X') fl |= TH_ECE;
              else if (c == 'Y') fl |= TH_CWR;
              else if (!q || !c) { p->kill(); return bad(F_TCP_FLAGS); }
              else fl |= 1 << (q - tcp_flag_letters);
            }
        }
      }
      if (13 < tavail) { th[13] = fl & 0xFF; th[12] |= (fl >> 8) & 1; }
      if ((st = num(F_TCP_WINDOW, 65535, x)) < 0) { p->kill(); return bad(F_TCP_WINDOW); } else if (st) put16(14, x);
      if ((st = num(F_TCP_URP, 65535, x)) < 0) { p->kill(); return bad(F_TCP_URP); } else if (st) put16(18, x);
      memcpy(th + 20, tcpopt.data(), std::max(0, std::min<int>(tcpopt.size(), tavail - 20)));
    } else if (proto == IP_PROTO_UDP) {
      put16(4, iplen - hl);
    } else if (proto == IP_PROTO_ICMP) {
      int type = -1;
      if (have(F_ICMP_TYPE_NAME) || have(F_ICMP_TYPE)) {
        const String& v = have(F_ICMP_TYPE) ? val(F_ICMP_TYPE) : val(F_ICMP_TYPE_NAME);
        for (int k = 0; k < n_icmp_type_names; ++k) if (icmp_type_names[k] && v == icmp_type_names[k]) type = k;
        if (type < 0 && parse_uint(v, 255, x)) type = x;
        if (type < 0) { p->kill(); return bad(have(F_ICMP_TYPE) ? F_ICMP_TYPE : F_ICMP_TYPE_NAME); }
        if (tavail > 0) th[0] = type;
      }
      if ((st = num(F_ICMP_CODE, 255, x)) < 0) { p->kill(); return bad(F_ICMP_CODE); } else if (st && tavail > 1) th[1] = x;
      if ((st = num(F_ICMP_FLOWID, 65535, x)) < 0) { p->kill(); return bad(F_ICMP_FLOWID); } else if (st) put16(4, x);
      if ((st = num(F_ICMP_SEQ, 65535, x)) < 0) { p->kill(); return bad(F_ICMP_SEQ); } else if (st) put16(6, x);
    }
    p->set_transport_header(th);
  }
  if (!payload.empty()) memcpy(d + hl + thl, payload.data(), payload.size());
  // Annotations
  if (have(F_TIMESTAMP)) {
    double t = strtod(val(F_TIMESTAMP).c_str(), nullptr);
    String v = val(F_TIMESTAMP);
    size_t dot = v.find('.');
    int64_t sec = atoll(v.substr(0, dot).c_str());
    int64_t nsec = 0;
    if (dot != String::npos) { String fr = (v.substr(dot + 1) + "000000000").substr(0, 9); nsec = atoll(fr.c_str()); }
    (void)t;
    p->set_timestamp_anno(Timestamp(sec, int32_t(nsec)));
  } else if (have(F_TS_SEC) || have(F_TS_USEC)) {
    p->set_timestamp_anno(Timestamp::make_usec(atoll(val(F_TS_SEC).c_str()), atoll(val(F_TS_USEC).c_str())));
  } else if (have(F_TS_USEC1))
    p->set_timestamp_anno(Timestamp::make_usec(0, atoll(val(F_TS_USEC1).c_str())));
  if (have(F_DIRECTION)) {
    const String& v = val(F_DIRECTION);
    if (v == ">") SET_PAINT_ANNO(p, 0);
    else if (v == "<") SET_PAINT_ANNO(p, 1);
    else if (parse_uint(v, 255, x)) SET_PAINT_ANNO(p, x);
    else { p->kill(); return bad(F_DIRECTION); }
  }
  for (Field f : {F_LINK, F_PAINT})
    if ((st = num(f, 255, x)) < 0) { p->kill(); return bad(f); } else if (st) SET_PAINT_ANNO(p, x);
  if ((st = num(F_AGGREGATE, 0xFFFFFFFFULL, x)) < 0) { p->kill(); return bad(F_AGGREGATE); } else if (st) p->set_anno_u32(AGGREGATE_ANNO_OFFSET, x);
  if ((st = num(F_COUNT, 0xFFFFFFFFULL, x)) < 0) { p->kill(); return bad(F_COUNT); } else if (st && x > 0) p->set_anno_u32(EXTRA_PACKETS_ANNO_OFFSET, x - 1);
  if (checksum) {
    iph->ip_sum = 0;
    iph->ip_sum = click_in_cksum(d, hl);
    int tlen = int(iplen) - hl;
    if (thl && tlen <= pktlen - hl && first_frag && !(ip_off & IP_MF)) {
      if (proto == IP_PROTO_TCP && tavail >= 18) {
        th[16] = th[17] = 0;
        uint16_t s = click_in_cksum_pseudohdr(click_in_cksum_partial(th, tlen), iph->ip_src.s_addr, iph->ip_dst.s_addr, proto, tlen);
        memcpy(th + 16, &s, 2);
      } else if (proto == IP_PROTO_UDP && tavail >= 8) {
        th[6] = th[7] = 0;
        uint16_t s = click_in_cksum_pseudohdr(click_in_cksum_partial(th, tlen), iph->ip_src.s_addr, iph->ip_dst.s_addr, proto, tlen);
        if (s == 0) s = 0xFFFF;
        memcpy(th + 6, &s, 2);
      } else if (proto == IP_PROTO_ICMP && tavail >= 4) {
        th[2] = th[3] = 0;
        uint16_t s = click_in_cksum(th, tlen);
        memcpy(th + 2, &s, 2);
      }
    }
  }
  return p;
}

}  // namespace ipsum
CLICK_ENDDECLS
