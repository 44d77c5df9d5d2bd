// ICMPIPEncap. See icmpipencap.hh.
#include "icmpipencap.hh"
#include <click/args.hh>
#include <click/checksum.hh>
#include <click/packet.hh>
#include <clicknet/ip.h>
#include "../classify/names.hh"
#include <arpa/inet.h>
#include <cstring>
CLICK_DECLS

namespace {
enum { echo_reply = 0, echo = 8, tstamp = 13, tstamp_reply = 14, info_req = 15, info_reply = 16,
       mask_req = 17, mask_reply = 18 };
// ICMP header length by type (Click's click_icmp_hl)
int icmp_header_length(int type) {
  if (type == tstamp || type == tstamp_reply) return 20;
  if (type == mask_req || type == mask_reply) return 12;
  return 8;
}
bool has_sequence(int type) {
  return type == echo || type == echo_reply || type == tstamp || type == tstamp_reply || type == info_req || type == info_reply;
}
bool parse_byte_or_name(const String& s, classify::names::Db db, int& out) {
  char* end;
  long v = strtol(s.c_str(), &end, 0);
  if (!s.empty() && !*end) { out = int(v); return true; }
  if (auto n = classify::names::lookup(db, s)) { out = int(*n); return true; }
  return false;
}
}  // namespace

int ICMPIPEncap::configure(Vector<String>& conf, ErrorHandler* errh) {
  String type_str, code_str = "0";
  uint16_t ident = 0;
  IPAddress src, dst;
  if (Args(conf, this, errh).read_mp("SRC", src).read_mp("DST", dst).read_mp("TYPE", WordArg(), type_str)
          .read_p("CODE", WordArg(), code_str).read("IDENTIFIER", ident).complete() < 0)
    return -EINVAL;
  int type, code;
  if (!parse_byte_or_name(type_str, classify::names::Db::IcmpType, type) || type < 0 || type > 255)
    return errh->error("invalid TYPE");
  char* end;
  long c = strtol(code_str.c_str(), &end, 0);
  if (code_str.empty() || *end || c < 0 || c > 255) return errh->error("invalid CODE");
  code = int(c);
  src_ = src;
  dst_ = dst;
  type_ = uint8_t(type);
  code_ = uint8_t(code);
  identifier_ = ident;
  return 0;
}

Packet* ICMPIPEncap::simple_action(Packet* p) {
  int hl = icmp_header_length(type_);
  WritablePacket* q = p->push(sizeof(click_ip) + hl);
  if (!q) return nullptr;
  click_ip* ip = reinterpret_cast<click_ip*>(q->data());
  memset(ip, 0, sizeof(click_ip) + hl);
  ip->ip_v = 4;
  ip->ip_hl = 5;
  ip->ip_len = htons(uint16_t(q->length()));
  ip->ip_id = htons(ip_id_);
  ip->ip_ttl = 255;
  ip->ip_p = IP_PROTO_ICMP;
  ip->ip_src = src_.in_addr();
  ip->ip_dst = dst_.in_addr();
  unsigned char* icmp = q->data() + sizeof(click_ip);
  icmp[0] = type_;
  icmp[1] = code_;
  if (has_sequence(type_)) {
    uint16_t v = htons(identifier_); memcpy(icmp + 4, &v, 2);
    v = htons(ip_id_); memcpy(icmp + 6, &v, 2);
  }
  ip->ip_sum = click_in_cksum(q->data(), sizeof(click_ip));
  uint16_t sum = click_in_cksum(icmp, int(q->length() - sizeof(click_ip)));
  memcpy(icmp + 2, &sum, 2);
  q->set_dst_ip_anno(dst_);
  q->set_network_header(q->data(), sizeof(click_ip));
  ip_id_ += (ip_id_ == 0xFFFF ? 2 : 1);
  return q;
}

void ICMPIPEncap::add_handlers() {
  add_data_handlers("src", Handler::f_read | Handler::f_write, &src_);
  add_data_handlers("dst", Handler::f_read | Handler::f_write, &dst_);
}

EXPORT_ELEMENT(ICMPIPEncap)
CLICK_ENDDECLS
