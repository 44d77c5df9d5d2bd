// IPPrint. See ipprint.hh.
#include "ipprint.hh"
#include <click/args.hh>
#include <click/confparse.hh>
#include <click/router.hh>
CLICK_DECLS
#include <click/ipaddress.hh>
#include <arpa/inet.h>
#include <cerrno>
#include <cstdio>
#include <cstring>

int IPPrint::parse_contents(const String& s0) {
  String s = s0;
  for (auto& c : s) c = char(toupper((unsigned char)c));
  if (s == "NONE" || s == "FALSE" || s == "NO") return 0;
  if (s == "HEX" || s == "TRUE" || s == "YES") return 1;
  if (s == "ASCII") return 2;
  return -1;
}

int IPPrint::configure(Vector<String>& conf, ErrorHandler* errh) {
  String contents = "NONE", payload = "NONE";
  if (Args(conf, this, errh)
          .read_p("LABEL", label_)
          .read("CONTENTS", WordArg(), contents)
          .read("PAYLOAD", WordArg(), payload)
          .read("MAXLENGTH", maxlength_)
          .read("NBYTES", maxlength_)
          .read("ID", id_).read("TTL", ttl_).read("TOS", tos_).read("LENGTH", length_)
          .read("TIMESTAMP", timestamp_).read("PAINT", paint_).read("SWAP", swap_)
          .read("OUTFILE", FilenameArg(), outfile_name_)
          .read("ACTIVE", active_)
          .complete() < 0)
    return -EINVAL;
  if ((contents_ = parse_contents(contents)) < 0) return errh->error("CONTENTS: expected NONE, HEX, or ASCII");
  if ((payload_ = parse_contents(payload)) < 0) return errh->error("PAYLOAD: expected NONE, HEX, or ASCII");
  return 0;
}

int IPPrint::initialize(ErrorHandler* errh) {
  if (!outfile_name_.empty()) {
    outfile_ = fopen(outfile_name_.c_str(), "a");
    if (!outfile_) return errh->error("%s: %s", outfile_name_.c_str(), strerror(errno));
  }
  return 0;
}

// Click's layout: hex in groups of 4 bytes, 24 per line; ASCII in groups of 8, 48 per line.
void IPPrint::dump(String& sa, const unsigned char* d, uint32_t n, int how) const {
  if (maxlength_ >= 0 && n > uint32_t(maxlength_)) n = uint32_t(maxlength_);
  for (uint32_t i = 0; i < n; ++i) {
    if (how == 1) {
      if (i % 24 == 0) sa += "\n  ";
      else if (i % 4 == 0) sa += ' ';
      sa += string_printf("%02x", d[i]);
    } else {
      if (i % 48 == 0) sa += "\n  ";
      else if (i % 8 == 0) sa += ' ';
      sa += (d[i] >= 32 && d[i] < 127) ? char(d[i]) : '.';
    }
  }
}

namespace {
// Click's IP name tables (ipnameinfo), reverse direction, for ICMP lines.
const char* icmp_type_name(int t) {
  static const char* const n[] = {"echo-reply", nullptr, nullptr, "unreachable", "sourcequench", "redirect",
                                  nullptr, nullptr, "echo", "routeradvert", "routersolicit", "timeexceeded",
                                  "parameterproblem", "timestamp", "timestamp-reply", "inforeq", "inforeq-reply",
                                  "maskreq", "maskreq-reply"};
  return t >= 0 && t < int(sizeof(n) / sizeof(n[0])) ? n[t] : nullptr;
}
const char* icmp_code_name(int type, int code) {
  static const char* const unreach[] = {"net", "host", "protocol", "port", "needfrag", "srcroutefail", "netunknown",
                                        "hostunknown", "isolated", "netprohibited", "hostprohibited", "tosnet",
                                        "toshost", "filterprohibited", "hostprecedence", "precedencecutoff"};
  static const char* const redirect[] = {"net", "host", "tosnet", "toshost"};
  static const char* const timxceed[] = {"transit", "reassembly"};
  static const char* const paramprob[] = {"erroratptr", "missingopt", "length"};
  auto pick = [code](const char* const* t, int n) -> const char* { return code >= 0 && code < n ? t[code] : nullptr; };
  switch (type) {
    case ICMP_UNREACH: return pick(unreach, 16);
    case ICMP_REDIRECT: return pick(redirect, 4);
    case ICMP_TIMXCEED: return pick(timxceed, 2);
    case ICMP_PARAMPROB: return pick(paramprob, 3);
    default: return nullptr;
  }
}
String proto_name(int p, bool prepend) {
  switch (p) {
    case 1: return "icmp";
    case 2: return "igmp";
    case 4: return "ipip";
    case 6: return "tcp";
    case 17: return "udp";
    default: return (prepend ? "protocol " : "") + std::to_string(p);
  }
}
String addr_pair(const click_ip* iph) {
  return IPAddress(iph->ip_src).unparse() + " > " + IPAddress(iph->ip_dst).unparse();
}
}  // namespace

// Lines as Click's IPPrint: "SRC.SPORT > DST.DPORT: FLAGS SEQ:END(SEQLEN,PKTLEN,IPLEN) ack A win W",
// "udp ULEN", "icmp echo (ID, SEQ)", ...; transport_length is what the packet holds of the
// transport header and payload (at most the IP length says).
void IPPrint::tcp_line(String& sa, const Packet* p, int tlen) const {
  const click_ip* iph = p->ip_header();
  const click_tcp* t = reinterpret_cast<const click_tcp*>(p->transport_header());
  if (tlen < 4 || !IP_FIRSTFRAG(iph)) {
    sa += addr_pair(iph) + (IP_FIRSTFRAG(iph) ? ": truncated-tcp" : ": tcp");
    return;
  }
  sa += IPAddress(iph->ip_src).unparse() + "." + std::to_string(ntohs(t->th_sport)) + " > " +
        IPAddress(iph->ip_dst).unparse() + "." + std::to_string(ntohs(t->th_dport)) + ": ";
  if (tlen < 14) { sa += "truncated-tcp"; return; }
  int ip_len = ntohs(iph->ip_len);
  int seqlen = ip_len - (iph->ip_hl << 2) - (t->th_off << 2);
  if (t->th_flags & TH_SYN) sa += 'S', ++seqlen;
  if (t->th_flags & TH_FIN) sa += 'F', ++seqlen;
  if (t->th_flags & TH_RST) sa += 'R';
  if (t->th_flags & TH_PUSH) sa += 'P';
  if (!(t->th_flags & (TH_SYN | TH_FIN | TH_RST | TH_PUSH))) sa += '.';
  uint32_t seq = ntohl(t->th_seq);
  sa += string_printf(" %u:%u(%d,%u,%d)", seq, seq + uint32_t(seqlen), seqlen, p->length(), ip_len);
  if (t->th_flags & TH_ACK) sa += string_printf(" ack %u", ntohl(t->th_ack));
  if (tlen < 16) { sa += "truncated-tcp"; return; }
  sa += string_printf(" win %u", ntohs(t->th_win));
}

void IPPrint::udp_line(String& sa, const Packet* p, int tlen) const {
  const click_ip* iph = p->ip_header();
  const click_udp* u = reinterpret_cast<const click_udp*>(p->transport_header());
  if (tlen < 4 || !IP_FIRSTFRAG(iph)) {
    sa += addr_pair(iph) + (IP_FIRSTFRAG(iph) ? ": truncated-udp" : ": udp");
    return;
  }
  sa += IPAddress(iph->ip_src).unparse() + "." + std::to_string(ntohs(u->uh_sport)) + " > " +
        IPAddress(iph->ip_dst).unparse() + "." + std::to_string(ntohs(u->uh_dport)) + ": ";
  if (tlen < 8) { sa += "truncated-udp"; return; }
  sa += "udp " + std::to_string(ntohs(u->uh_ulen));
}

void IPPrint::icmp_line(String& sa, const Packet* p, int tlen) const {
  const click_ip* iph = p->ip_header();
  const unsigned char* ic = p->transport_header();
  sa += addr_pair(iph) + ": ";
  if (!IP_FIRSTFRAG(iph)) { sa += "icmp"; return; }
  if (tlen < 2) { sa += "truncated-icmp"; return; }
  int type = ic[0], code = ic[1];
  switch (type) {
    case ICMP_ECHOREPLY:
    case ICMP_ECHO: {
      sa += type == ICMP_ECHO ? "icmp echo " : "icmp echo-reply ";
      if (tlen < 8) { sa += "truncated-icmp"; return; }
      uint16_t id, sq;
      memcpy(&id, ic + 4, 2);
      memcpy(&sq, ic + 6, 2);
      // Click byte-swaps the raw 16-bit fields when SWAP (its default): host order on little-endian
      if (swap_) { id = uint16_t((id << 8) | (id >> 8)); sq = uint16_t((sq << 8) | (sq >> 8)); }
      sa += string_printf("(%u, %u)", id, sq);
      break;
    }
    case ICMP_UNREACH: {
      const char* cn = icmp_code_name(type, code);
      String cs = cn ? String(cn) : "code " + std::to_string(code);
      const unsigned char* eip = ic + 8;
      int elen = tlen - 8;
      if (elen < int(sizeof(click_ip))) { sa += "icmp unreachable " + cs + " truncated-icmp"; return; }
      const click_ip* e = reinterpret_cast<const click_ip*>(eip);
      int ehl = e->ip_hl << 2;
      sa += "icmp " + IPAddress(e->ip_dst).unparse() + " unreachable " + cs;
      if (code == ICMP_UNREACH_PROTOCOL) sa += " " + proto_name(e->ip_p, false);
      else if (code == ICMP_UNREACH_PORT) {
        sa += " " + proto_name(e->ip_p, true);
        if (elen - ehl < 4) { sa += "truncated-icmp"; return; }
        uint16_t dp;
        memcpy(&dp, eip + ehl + 2, 2);
        sa += "/" + std::to_string(ntohs(dp));
      } else if (code == ICMP_UNREACH_NEEDFRAG && tlen >= 8) {
        uint16_t mtu;
        memcpy(&mtu, ic + 6, 2);
        if (mtu) sa += " (mtu " + std::to_string(ntohs(mtu)) + ")";
      }
      break;
    }
    default: {
      const char* tn = icmp_type_name(type);
      sa += "icmp " + (tn ? String(tn) : "type " + std::to_string(type));
      if (const char* cn = icmp_code_name(type, code)) sa += " " + String(cn);
      else if (code) sa += " code " + std::to_string(code);
    }
  }
}

Packet* IPPrint::simple_action(Packet* p) {
  if (!active_ || !p->has_network_header()) return p;
  String sa;
  if (!label_.empty()) sa += label_ + ": ";
  // Click 2.1 prints timestamps with microseconds here
  if (timestamp_) sa += p->timestamp_anno().unparse_usec() + ": ";
  if (paint_) sa += string_printf("paint %d: ", PAINT_ANNO(p));
  long netlen = long(p->end_data() - p->network_header());
  if (netlen < long(sizeof(click_ip)))
    sa += "truncated-ip";
  else {
    const click_ip* iph = p->ip_header();
    int ip_len = ntohs(iph->ip_len);
    int payload_len = ip_len - (iph->ip_hl << 2);
    const unsigned char* th = p->has_transport_header() ? p->transport_header() : p->network_header() + (iph->ip_hl << 2);
    int tlen = int(p->end_data() - th);
    if (tlen > payload_len) tlen = payload_len;
    if (id_) sa += string_printf("id %u ", ntohs(iph->ip_id));
    if (ttl_) sa += string_printf("ttl %u ", iph->ip_ttl);
    if (tos_) sa += string_printf("tos %u ", iph->ip_tos);
    if (length_) sa += string_printf("length %d ", ip_len);
    if (iph->ip_p == IP_PROTO_TCP) tcp_line(sa, p, tlen);
    else if (iph->ip_p == IP_PROTO_UDP) udp_line(sa, p, tlen);
    else if (iph->ip_p == IP_PROTO_ICMP) icmp_line(sa, p, tlen);
    else sa += addr_pair(iph) + ": ip-proto-" + std::to_string(iph->ip_p);
    if (IP_ISFRAG(iph))
      sa += string_printf(" (frag %u:%d@%u%s)", ntohs(iph->ip_id), payload_len, (ntohs(iph->ip_off) & IP_OFFMASK) << 3,
                          (iph->ip_off & htons(IP_MF)) ? "+" : "");
    if (contents_) dump(sa, p->data(), p->length(), contents_);
    else if (payload_) {
      const unsigned char* d = th;
      if (IP_FIRSTFRAG(iph) && iph->ip_p == IP_PROTO_TCP && tlen >= 13)
        d = th + (reinterpret_cast<const click_tcp*>(th)->th_off << 2);
      else if (IP_FIRSTFRAG(iph) && iph->ip_p == IP_PROTO_UDP)
        d = th + sizeof(click_udp);
      if (d < p->end_data()) dump(sa, d, uint32_t(p->end_data() - d), payload_);
      else dump(sa, d, 0, payload_);
    }
  }
  if (outfile_) {
    sa += "\n";
    fwrite(sa.data(), 1, sa.size(), outfile_);
    fflush(outfile_);
  } else
    click_chatter("%s", sa.c_str());
  return p;
}
EXPORT_ELEMENT(IPPrint)
CLICK_ENDDECLS
