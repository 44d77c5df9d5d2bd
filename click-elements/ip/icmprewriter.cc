// ICMPRewriter. See icmprewriter.hh.
#include "icmprewriter.hh"
#include <click/args.hh>
#include <click/checksum.hh>
#include <click/confparse.hh>
#include <click/router.hh>
#include <clicknet/ip.h>
#include <algorithm>
#include <cstring>
CLICK_DECLS

int ICMPRewriter::configure(Vector<String>& conf, ErrorHandler* errh) {
  String maps, reply_anno;
  if (Args(conf, this, errh).read_mp("MAPS", AnyArg(), maps).read("DST_ANNO", dst_anno_)
          .read("REPLY_ANNO", AnyArg(), reply_anno).complete() < 0)
    return -EINVAL;
  Vector<String> names;
  cp_spacevec(maps, names);
  for (auto& n : names) {
    Element* e = router()->find(n, compound_prefix());
    auto* rw = e ? static_cast<IPRewriterBase*>(e->cast("IPRewriterBase")) : nullptr;
    if (!e) errh->error("no element named '%s'", n.c_str());
    else if (!rw || (rw->rewriter_mode() != IPRewriterBase::M_PORTS && rw->rewriter_mode() != IPRewriterBase::M_ICMPPING))
      errh->error("element '%s' is not an IP rewriter", n.c_str());
    else maps_.push_back(rw);
  }
  if (!reply_anno.empty()) {
    char* end;
    long off = strtol(reply_anno.c_str(), &end, 10);
    if (reply_anno == "PAINT") reply_anno_ = PAINT_ANNO_OFFSET;
    else if (isdigit((unsigned char)reply_anno[0]) && !*end && off < Packet::anno_size) reply_anno_ = int(off);
    else errh->error("REPLY_ANNO: expected an annotation (PAINT or a byte offset)");
  }
  if (errh->nerrors()) return -EINVAL;
  if (maps_.empty()) return errh->error("no IP rewriters supplied");
  return 0;
}

RewriterFlow* ICMPRewriter::find(const unsigned char* eiph, int& dir) const {
  const click_ip* e = reinterpret_cast<const click_ip*>(eiph);
  const unsigned char* th = eiph + e->ip_hl * 4;
  uint16_t a, b;
  memcpy(&a, th, 2);
  memcpy(&b, th + 2, 2);
  for (IPRewriterBase* rw : maps_) {
    IPRewriterBase::Flow key;
    if (rw->rewriter_mode() == IPRewriterBase::M_ICMPPING) {
      if (e->ip_p != IP_PROTO_ICMP || (th[0] != 8 && th[0] != 0)) continue;
      uint16_t id;
      memcpy(&id, th + 4, 2);
      bool echo = th[0] == 8;
      // the reverse of the embedded packet's key (see IPRewriterBase::key_of)
      key = IPRewriterBase::Flow(1, e->ip_dst.s_addr, uint16_t(id + echo), e->ip_src.s_addr, uint16_t(id + !echo));
    } else {
      if (e->ip_p != IP_PROTO_TCP && e->ip_p != IP_PROTO_UDP) continue;
      key = IPRewriterBase::Flow(e->ip_p, e->ip_dst.s_addr, b, e->ip_src.s_addr, a);
    }
    if (RewriterFlow* f = rw->find_flow(key, dir)) return f;
  }
  return nullptr;
}

Packet* ICMPRewriter::simple_action(Packet* p_in) {
  const click_ip* iph0 = p_in->ip_header();
  if (!iph0 || iph0->ip_p != IP_PROTO_ICMP) { p_in->kill(); return nullptr; }
  const unsigned char* ic0 = p_in->network_header() + iph0->ip_hl * 4;
  int tlen = int(p_in->end_data() - ic0);
  int type = tlen >= 1 ? ic0[0] : -1;
  bool error_type = type == 3 || type == 11 || type == 12 || type == 4 || type == 5;
  if (!error_type) { checked_output_push(1, p_in); return nullptr; }
  int ehl = tlen >= 9 ? (ic0[8] & 0x0F) * 4 : 0;
  if (ehl < 20 || tlen < 8 + ehl + 8) { p_in->kill(); return nullptr; }
  int dir;
  RewriterFlow* f = find(ic0 + 8, dir);
  if (!f) { checked_output_push(1, p_in); return nullptr; }

  WritablePacket* p = p_in->uniqueify();
  if (!p) return nullptr;
  unsigned char* nh = p->network_header();
  click_ip* iph = reinterpret_cast<click_ip*>(nh);
  unsigned char* ic = nh + iph->ip_hl * 4;
  unsigned char* eip = ic + 8;
  click_ip* eiph = reinterpret_cast<click_ip*>(eip);
  unsigned char* eth = eip + ehl;
  int eavail = int(p->end_data() - eth);
  // the embedded packet goes back to what the flow's original packet was:
  // the reverse of what the reply direction is rewritten to
  const IPRewriterBase::Flow& r = f->to[dir];
  uint32_t new_src = std::get<3>(r), new_dst = std::get<1>(r);
  uint16_t new_sport = std::get<4>(r), new_dport = std::get<2>(r);
  uint32_t old_src = eiph->ip_src.s_addr;

  int embedded_len = std::min<int>(int(p->end_data() - eip), ehl + 20);   // through a TCP checksum
  std::vector<unsigned char> before(eip, eip + embedded_len);
  uint16_t* tsum = nullptr;
  if (eiph->ip_p == IP_PROTO_TCP && eavail >= 18) tsum = reinterpret_cast<uint16_t*>(eth + 16);
  else if (eiph->ip_p == IP_PROTO_UDP && eavail >= 8 && (eth[6] | eth[7])) tsum = reinterpret_cast<uint16_t*>(eth + 6);
  auto set16 = [](unsigned char* at, uint16_t v, uint16_t* s1, uint16_t* s2) {
    uint16_t old;
    memcpy(&old, at, 2);
    if (old == v) return;
    memcpy(at, &v, 2);
    if (s1) click_update_in_cksum(s1, old, v);
    if (s2) click_update_in_cksum(s2, old, v);
  };
  auto set_addr = [&](unsigned char* at, uint32_t v, uint16_t* s1, uint16_t* s2) {
    set16(at, reinterpret_cast<const uint16_t*>(&v)[0], s1, s2);
    set16(at + 2, reinterpret_cast<const uint16_t*>(&v)[1], s1, s2);
  };
  set_addr(eip + 12, new_src, &eiph->ip_sum, tsum);
  set_addr(eip + 16, new_dst, &eiph->ip_sum, tsum);
  if (eiph->ip_p == IP_PROTO_ICMP) {   // an echo: the identifier (covered by its own checksum only)
    uint16_t id = eth[0] == 8 ? new_sport : new_dport;
    set16(eth + 4, id, reinterpret_cast<uint16_t*>(eth + 2), nullptr);
  } else {
    set16(eth, new_sport, tsum, nullptr);
    set16(eth + 2, new_dport, tsum, nullptr);
  }
  // the error's checksum covers the embedded bytes, their checksums included
  uint16_t* isum = reinterpret_cast<uint16_t*>(ic + 2);
  for (int k = 0; k + 1 < embedded_len; k += 2) {
    uint16_t o, n;
    memcpy(&o, before.data() + k, 2);
    memcpy(&n, eip + k, 2);
    if (o != n) click_update_in_cksum(isum, o, n);
  }
  if (iph->ip_dst.s_addr == old_src) {
    set_addr(nh + 16, new_src, &iph->ip_sum, nullptr);
    if (dst_anno_) p->set_dst_ip_anno(IPAddress(new_src));
  }
  if (reply_anno_ >= 0) p->set_anno_u8(reply_anno_, f->reply_anno);
  return p;
}

EXPORT_ELEMENT(ICMPRewriter)
CLICK_ENDDECLS
