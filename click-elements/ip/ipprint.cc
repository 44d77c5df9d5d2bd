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

void IPPrint::dump(String& sa, const unsigned char* d, uint32_t n, int how) const {
  if (maxlength_ >= 0 && n > uint32_t(maxlength_)) n = uint32_t(maxlength_);
  sa += "\n  ";
  for (uint32_t i = 0; i < n; ++i) {
    if (how == 1) {
      if (i && i % 4 == 0) sa += (i % 32 == 0) ? "\n  " : " ";
      sa += string_printf("%02x", d[i]);
    } else {
      if (i && i % 64 == 0) sa += "\n  ";
      sa += (d[i] >= 32 && d[i] < 127) ? char(d[i]) : '.';
    }
  }
}

Packet* IPPrint::simple_action(Packet* p) {
  if (!active_) return p;
  String sa;
  if (!label_.empty()) sa += label_ + ": ";
  if (timestamp_) sa += p->timestamp_anno().unparse() + ": ";
  if (paint_) sa += string_printf("paint %d: ", PAINT_ANNO(p));
  const click_ip* iph = p->ip_header();
  if (!iph || p->network_header_offset() < 0 || p->length() < uint32_t(p->network_header_offset()) + sizeof(click_ip)) {
    sa += "(Not an IP packet)";
  } else {
    uint32_t netlen = p->length() - uint32_t(p->network_header_offset());
    unsigned hlen = iph->ip_hl << 2;
    if (id_) sa += string_printf("id %u ", ntohs(iph->ip_id));
    if (ttl_) sa += string_printf("ttl %u ", iph->ip_ttl);
    if (tos_) sa += string_printf("tos %u ", iph->ip_tos);
    if (length_) sa += string_printf("length %u ", ntohs(iph->ip_len));
    String src = IPAddress(iph->ip_src).unparse(), dst = IPAddress(iph->ip_dst).unparse();
    const unsigned char* th = p->network_header() + hlen;
    uint32_t tlen = ntohs(iph->ip_len) > hlen ? ntohs(iph->ip_len) - hlen : 0;
    uint32_t avail = netlen > hlen ? netlen - hlen : 0;
    if (!IP_FIRSTFRAG(iph)) {
      sa += src + " > " + dst + ": ip-proto-" + std::to_string(iph->ip_p);
    } else if (iph->ip_p == IP_PROTO_TCP && avail >= sizeof(click_tcp)) {
      const click_tcp* t = reinterpret_cast<const click_tcp*>(th);
      unsigned thl = t->th_off << 2;
      uint32_t dlen = tlen > thl ? tlen - thl : 0;
      uint32_t seq = ntohl(t->th_seq);
      sa += src + "." + std::to_string(ntohs(t->th_sport)) + " > " + dst + "." + std::to_string(ntohs(t->th_dport)) + ": ";
      static const char fl[] = "FSRPAUEW";
      String flags;
      for (int i = 0; i < 8; ++i) if (t->th_flags & (1 << i)) flags += fl[i];
      sa += flags.empty() ? String(".") : flags;
      sa += string_printf(" %u:%u(%u)", seq, seq + dlen, dlen);
      if (t->th_flags & TH_ACK) sa += string_printf(" ack %u", ntohl(t->th_ack));
      sa += string_printf(" win %u", ntohs(t->th_win));
    } else if (iph->ip_p == IP_PROTO_UDP && avail >= sizeof(click_udp)) {
      const click_udp* u = reinterpret_cast<const click_udp*>(th);
      sa += src + "." + std::to_string(ntohs(u->uh_sport)) + " > " + dst + "." + std::to_string(ntohs(u->uh_dport)) +
            ": udp " + std::to_string(ntohs(u->uh_ulen) >= 8 ? ntohs(u->uh_ulen) - 8 : 0);
    } else if (iph->ip_p == IP_PROTO_ICMP && avail >= 4) {
      sa += src + " > " + dst + ": icmp: ";
      int type = th[0], code = th[1];
      if ((type == ICMP_ECHO || type == ICMP_ECHOREPLY) && avail >= 8) {
        uint16_t id, sq;
        memcpy(&id, th + 4, 2);
        memcpy(&sq, th + 6, 2);
        id = swap_ ? id : ntohs(id);
        sq = swap_ ? sq : ntohs(sq);
        sa += string_printf("%s (%u, %u)", type == ICMP_ECHO ? "echo request" : "echo reply", id, sq);
      } else
        sa += string_printf("type %d code %d", type, code);
    } else
      sa += src + " > " + dst + ": ip-proto-" + std::to_string(iph->ip_p);
    if (IP_ISFRAG(iph)) {
      sa += string_printf(" (frag %u:%u@%u%s)", ntohs(iph->ip_id), tlen, (ntohs(iph->ip_off) & IP_OFFMASK) << 3,
                          (iph->ip_off & htons(IP_MF)) ? "+" : "");
    }
    if (contents_) dump(sa, p->network_header(), netlen, contents_);
    if (payload_ && avail) {
      unsigned skip = 0;
      if (iph->ip_p == IP_PROTO_TCP && avail >= sizeof(click_tcp)) skip = reinterpret_cast<const click_tcp*>(th)->th_off << 2;
      else if (iph->ip_p == IP_PROTO_UDP) skip = 8;
      else if (iph->ip_p == IP_PROTO_ICMP) skip = 8;
      if (skip < avail) dump(sa, th + skip, avail - skip, payload_);
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
