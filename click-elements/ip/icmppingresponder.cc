// ICMPPingResponder. See icmppingresponder.hh.
#include "icmppingresponder.hh"
#include <click/args.hh>
#include <click/confparse.hh>
#include <click/router.hh>
CLICK_DECLS
Packet* ICMPPingResponder::simple_action(Packet* p) {
  const click_ip* iph = p->ip_header();
  int tlen = (iph && p->has_transport_header()) ? int(p->length()) - p->transport_header_offset() : -1;
  if (!iph || tlen < int(sizeof(click_icmp_sequenced)) || iph->ip_p != IP_PROTO_ICMP || p->icmp_header()->icmp_type != ICMP_ECHO) {
    checked_output_push(1, p);
    return nullptr;
  }
  WritablePacket* q = p->uniqueify();
  if (!q) return nullptr;
  click_ip* ip = q->ip_header();
  // swap addresses (the checksum stays valid)
  struct in_addr tmp = ip->ip_dst;
  ip->ip_dst = ip->ip_src;
  ip->ip_src = tmp;
  // clear fragment flags/offset, TTL 255: incremental updates as Click does
  click_update_in_cksum(&ip->ip_sum, ip->ip_off, 0);
  ip->ip_off = 0;
  uint16_t old_hw = reinterpret_cast<uint16_t*>(ip)[4];
  ip->ip_ttl = 255;
  click_update_in_cksum(&ip->ip_sum, old_hw, reinterpret_cast<uint16_t*>(ip)[4]);
  q->set_dst_ip_anno(IPAddress(ip->ip_dst));
  q->set_timestamp_anno(Timestamp::now());
  SET_PAINT_ANNO(q, 0);
  click_icmp* icmp = q->icmp_header();
  old_hw = reinterpret_cast<uint16_t*>(icmp)[0];
  icmp->icmp_type = ICMP_ECHOREPLY;
  icmp->icmp_code = 0;
  click_update_in_cksum(&icmp->icmp_cksum, old_hw, reinterpret_cast<uint16_t*>(icmp)[0]);
  // an incremental update can give 0 (-0) where an all-zero message needs 0xFFFF: recompute
  if (icmp->icmp_cksum == 0)
    icmp->icmp_cksum = click_in_cksum(reinterpret_cast<const unsigned char*>(icmp), int(q->end_data() - q->transport_header()));
  return q;
}
EXPORT_ELEMENT(ICMPPingResponder)
CLICK_ENDDECLS
