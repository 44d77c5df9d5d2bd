// IPEncap. See ipencap.hh.
#include "ipencap.hh"
#include <click/args.hh>
#include <click/checksum.hh>
#include <click/packet.hh>
#include "../classify/names.hh"
#include <arpa/inet.h>
#include <cstring>
// ECN codepoints (Click clicknet/ip.h names)
static constexpr uint8_t IP_ECN_ECT1 = 0x02, IP_ECN_ECT2 = 0x01, IP_ECN_CE = 0x03;
CLICK_DECLS

int IPEncap::configure(Vector<String>& conf, ErrorHandler* errh) {
  String proto_str, dst_str, ect_str;
  IPAddress src;
  int tos = -1, dscp = -1, ttl = 250;
  bool ce = false, df = false;
  if (Args(conf, this, errh).read_mp("PROTO", WordArg(), proto_str).read_mp("SRC", src).read_mp("DST", AnyArg(), dst_str)
          .read("TOS", tos).read("TTL", ttl).read("DSCP", dscp).read("ECT", KeywordArg(), ect_str)
          .read("CE", ce).read("DF", df).complete() < 0)
    return -EINVAL;
  int proto;
  char* end;
  long v = strtol(proto_str.c_str(), &end, 0);
  if (!proto_str.empty() && !*end) proto = int(v);
  else if (auto n = classify::names::lookup(classify::names::Db::IpProto, proto_str)) proto = int(*n);
  else return errh->error("PROTO: expected IP protocol, not '%s'", proto_str.c_str());
  if (proto < 0 || proto > 255) return errh->error("bad IP protocol");
  IPAddress dst;
  bool use_anno = dst_str == "DST_ANNO";
  if (!use_anno && !IPAddressArg().parse(dst_str, dst, ArgContext(this, errh)))
    return errh->error("DST argument should be IP address or 'DST_ANNO'");
  int ect = 0;
  if (!ect_str.empty()) {
    bool b;
    if (cp_bool(ect_str, &b)) ect = b;
    else if (ect_str == "2") ect = 2;
    else return errh->error("bad ECT value '%s'", ect_str.c_str());
  }
  if (tos >= 0 && dscp >= 0) return errh->error("cannot set both TOS and DSCP");
  if (tos >= 0 && (ect || ce)) return errh->error("cannot set both TOS and ECN bits");
  if (tos >= 256 || tos < -1) return errh->error("TOS too large; max 255");
  if (dscp >= 63 || dscp < -1) return errh->error("DSCP too large; max 63");
  if (ect && ce) return errh->error("can set at most one ECN option");
  if (ttl < 0 || ttl > 255) return errh->error("TTL too large; max 255");

  click_ip h;
  memset(&h, 0, sizeof h);
  h.ip_v = 4;
  h.ip_hl = 5;
  h.ip_ttl = uint8_t(ttl);
  h.ip_p = uint8_t(proto);
  if (tos >= 0) h.ip_tos = uint8_t(tos);
  else if (dscp >= 0) h.ip_tos = uint8_t(dscp << 2);
  if (ect) h.ip_tos |= (ect == 1 ? IP_ECN_ECT1 : IP_ECN_ECT2);
  if (ce) h.ip_tos |= IP_ECN_CE;
  if (df) h.ip_off = htons(IP_DF);
  memcpy(&h.ip_src, src.data(), 4);
  if (!use_anno) memcpy(&h.ip_dst, dst.data(), 4);
  // checksum over the fixed fields; length, ID (and DST_ANNO) are added per
  // packet incrementally, as Click does (same bytes, including 0 vs 0xFFFF)
  h.ip_sum = click_in_cksum(reinterpret_cast<const unsigned char*>(&h), sizeof h);
  header_ = h;
  use_dst_anno_ = use_anno;
  return 0;
}

static inline void add_word(click_ip* ip, int off) {
  uint16_t w;
  memcpy(&w, reinterpret_cast<const unsigned char*>(ip) + off, 2);
  click_update_in_cksum(&ip->ip_sum, 0, w);
}

Packet* IPEncap::simple_action(Packet* p_in) {
  WritablePacket* p = p_in->push(sizeof(click_ip));
  if (!p) return nullptr;
  click_ip* ip = reinterpret_cast<click_ip*>(p->data());
  memcpy(ip, &header_, sizeof(click_ip));
  if (use_dst_anno_) {
    memcpy(&ip->ip_dst, p->dst_ip_anno().data(), 4);
    add_word(ip, 16);
    add_word(ip, 18);
  } else
    p->set_dst_ip_anno(IPAddress(ip->ip_dst));
  ip->ip_len = htons(uint16_t(p->length()));
  ip->ip_id = htons(id_++);
  add_word(ip, 2);
  add_word(ip, 4);
  p->set_network_header(p->data(), sizeof(click_ip));
  return p;
}

void IPEncap::add_handlers() {
  add_read_handler("src", [this]() { return IPAddress(header_.ip_src).unparse(); }, Handler::f_calm);
  add_read_handler("dst", [this]() {
    return use_dst_anno_ ? String("DST_ANNO") : IPAddress(header_.ip_dst).unparse();
  }, Handler::f_calm);
}

EXPORT_ELEMENT(IPEncap)
CLICK_ENDDECLS
