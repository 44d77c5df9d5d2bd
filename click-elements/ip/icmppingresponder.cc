// ICMPPingResponder. See icmppingresponder.hh.
#include "icmppingresponder.hh"
#include <click/args.hh>
#include <click/confparse.hh>
#include <click/router.hh>
CLICK_DECLS
Packet* ICMPPingResponder::simple_action(Packet* p) {
  const click_ip* iph = p->ip_header();
  if (!iph || iph->ip_p != IP_PROTO_ICMP || !p->has_transport_header() || p->transport_header_offset() < 0 ||
      p->length() < uint32_t(p->transport_header_offset()) + sizeof(click_icmp_echo) ||
      p->icmp_header()->icmp_type != ICMP_ECHO || !IP_FIRSTFRAG(iph)) {
    checked_output_push(1, p);
    return nullptr;
  }
  WritablePacket* q = p->uniqueify();
  if (!q) return nullptr;
  click_ip* ip = q->ip_header();
  struct in_addr tmp = ip->ip_src;
  ip->ip_src = ip->ip_dst;
  ip->ip_dst = tmp;
  ip->ip_ttl = 255;
  ip->ip_sum = 0;
  ip->ip_sum = click_in_cksum(reinterpret_cast<unsigned char*>(ip), ip->ip_hl << 2);
  click_icmp* icmp = q->icmp_header();
  icmp->icmp_type = ICMP_ECHOREPLY;
  // RFC 1624 incremental update of the type byte (8 -> 0)
  uint32_t sum = (~ntohs(icmp->icmp_cksum) & 0xFFFF) + (~(ICMP_ECHO << 8) & 0xFFFF) + (ICMP_ECHOREPLY << 8);
  sum = (sum & 0xFFFF) + (sum >> 16);
  sum = (sum & 0xFFFF) + (sum >> 16);
  icmp->icmp_cksum = htons(uint16_t(~sum & 0xFFFF));
  q->set_dst_ip_anno(IPAddress(ip->ip_dst));
  return q;
}
EXPORT_ELEMENT(ICMPPingResponder)
CLICK_ENDDECLS
