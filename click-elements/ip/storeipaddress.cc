// StoreIPAddress. See storeipaddress.hh.
#include "storeipaddress.hh"
#include <click/args.hh>
#include <click/confparse.hh>
#include <click/checksum.hh>
#include <clicknet/ip.h>
#include <cstring>
CLICK_DECLS
int StoreIPAddress::configure(Vector<String>& conf, ErrorHandler* errh) {
  String off;
  if (conf.size() == 1) {
    if (Args(conf, this, errh).read_mp("OFFSET", AnyArg(), off).complete() < 0) return -EINVAL;
    use_anno_ = true;
  } else {
    if (Args(conf, this, errh).read_mp("ADDR", addr_).read_mp("OFFSET", AnyArg(), off).complete() < 0) return -EINVAL;
    use_anno_ = false;
  }
  if (off == "src") offset_ = -1;
  else if (off == "dst") offset_ = -2;
  else if (!IntArg().parse(off, offset_, ArgContext(this, errh)) || offset_ < 0) return errh->error("OFFSET: expected 'src', 'dst' or a byte offset");
  return 0;
}
Packet* StoreIPAddress::simple_action(Packet* p) {
  uint32_t a = use_anno_ ? p->dst_ip_anno().addr() : addr_.addr();
  if (offset_ >= 0) {
    if (p->length() < uint32_t(offset_) + 4) { p->kill(); return nullptr; }
    WritablePacket* q = p->uniqueify();
    if (!q) return nullptr;
    memcpy(q->data() + offset_, &a, 4);
    return q;
  }
  const click_ip* iph = p->ip_header();
  if (!iph || p->end_data() - p->network_header() < 20) { p->kill(); return nullptr; }
  WritablePacket* q = p->uniqueify();
  if (!q) return nullptr;
  unsigned char* nh = q->network_header();
  click_ip* wh = reinterpret_cast<click_ip*>(nh);
  unsigned char* at = nh + (offset_ == -1 ? 12 : 16);
  int hl = wh->ip_hl * 4;
  unsigned char* th = nh + hl;
  int avail = int(q->end_data() - th);
  uint16_t* tsum = nullptr;
  if (!(ntohs(wh->ip_off) & IP_OFFMASK)) {
    if (wh->ip_p == IP_PROTO_TCP && avail >= 18) tsum = reinterpret_cast<uint16_t*>(th + 16);
    else if (wh->ip_p == IP_PROTO_UDP && avail >= 8 && (th[6] | th[7])) tsum = reinterpret_cast<uint16_t*>(th + 6);
  }
  for (int h = 0; h < 4; h += 2) {
    uint16_t o, n;
    memcpy(&o, at + h, 2);
    memcpy(&n, reinterpret_cast<unsigned char*>(&a) + h, 2);
    memcpy(at + h, &n, 2);
    click_update_in_cksum(&wh->ip_sum, o, n);
    if (tsum) click_update_in_cksum(tsum, o, n);
  }
  return q;
}
EXPORT_ELEMENT(StoreIPAddress)
CLICK_ENDDECLS
