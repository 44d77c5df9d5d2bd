// FixIPSrc. See fixipsrc.hh.
#include "fixipsrc.hh"
#include <click/args.hh>
#include <click/confparse.hh>
#include <click/router.hh>
CLICK_DECLS
Packet* FixIPSrc::simple_action(Packet* p) {
  if (!FIX_IP_SRC_ANNO(p) || !p->has_network_header()) return p;
  WritablePacket* q = p->uniqueify();
  if (!q) return nullptr;
  click_ip* ip = q->ip_header();
  SET_FIX_IP_SRC_ANNO(q, 0);
  ip->ip_src = addr_.in_addr();
  unsigned hlen = ip->ip_hl << 2;
  ip->ip_sum = 0;
  ip->ip_sum = click_in_cksum(reinterpret_cast<unsigned char*>(ip), int(hlen));
  return q;
}
EXPORT_ELEMENT(FixIPSrc)
CLICK_ENDDECLS
