// UDPIPEncap. See udpipencap.hh.
#include "udpipencap.hh"
#include "portinfo.hh"
#include <click/args.hh>
#include <click/confparse.hh>
#include <click/checksum.hh>
#include <clicknet/ip.h>
#include <arpa/inet.h>
#include <cstring>
#include <netdb.h>
CLICK_DECLS
int UDPIPEncap::configure(Vector<String>& conf, ErrorHandler* errh) {
  String sp, dp;
  if (Args(conf, this, errh).read_mp("SRC", src_).read_mp("SPORT", WordArg(), sp).read_mp("DST", dst_)
          .read_mp("DPORT", WordArg(), dp).read_p("CHECKSUM", checksum_).complete() < 0)
    return -EINVAL;
  if (!PortInfo::lookup(this, sp, "udp", sport_)) return errh->error("SPORT: expected a UDP port, not '%s'", sp.c_str());
  if (!PortInfo::lookup(this, dp, "udp", dport_)) return errh->error("DPORT: expected a UDP port, not '%s'", dp.c_str());
  return 0;
}
Packet* UDPIPEncap::simple_action(Packet* p) {
  WritablePacket* q = p->push(28);
  if (!q) return nullptr;
  unsigned char* d = q->data();
  memset(d, 0, 28);
  click_ip* iph = reinterpret_cast<click_ip*>(d);
  iph->ip_v = 4;
  iph->ip_hl = 5;
  iph->ip_len = htons(uint16_t(q->length()));
  iph->ip_id = htons(id_++);
  iph->ip_ttl = 250;
  iph->ip_p = IP_PROTO_UDP;
  memcpy(d + 12, src_.data(), 4);
  memcpy(d + 16, dst_.data(), 4);
  iph->ip_sum = click_in_cksum(d, 20);
  unsigned char* u = d + 20;
  uint16_t v = htons(sport_); memcpy(u, &v, 2);
  v = htons(dport_); memcpy(u + 2, &v, 2);
  uint16_t ulen = uint16_t(q->length() - 20);
  v = htons(ulen); memcpy(u + 4, &v, 2);
  if (checksum_) {
    uint16_t s = click_in_cksum_pseudohdr(click_in_cksum_partial(u, ulen), src_.addr(), dst_.addr(), IP_PROTO_UDP, ulen);
    if (s == 0) s = 0xFFFF;
    memcpy(u + 6, &s, 2);
  }
  q->set_network_header(d, 20);
  q->set_dst_ip_anno(dst_);
  return q;
}
void UDPIPEncap::add_handlers() {
  add_data_handlers("src", Handler::f_read | Handler::f_write, &src_);
  add_data_handlers("dst", Handler::f_read | Handler::f_write, &dst_);
  add_data_handlers("sport", Handler::f_read | Handler::f_write, &sport_);
  add_data_handlers("dport", Handler::f_read | Handler::f_write, &dport_);
}
EXPORT_ELEMENT(UDPIPEncap)
CLICK_ENDDECLS
