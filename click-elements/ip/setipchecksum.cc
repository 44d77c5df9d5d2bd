// SetIPChecksum. See setipchecksum.hh.
#include "setipchecksum.hh"
#include <click/args.hh>
#include <click/confparse.hh>
#include <click/router.hh>
CLICK_DECLS
Packet* SetIPChecksum::simple_action(Packet* p) {
  int off = p->has_network_header() ? p->network_header_offset() : 0;
  if (off < 0 || p->length() < uint32_t(off) + sizeof(click_ip)) goto bad;
  {
    WritablePacket* q = p->uniqueify();
    if (!q) return nullptr;
    click_ip* ip = reinterpret_cast<click_ip*>(q->data() + off);
    unsigned hlen = ip->ip_hl << 2;
    if (hlen < sizeof(click_ip) || hlen > q->length() - uint32_t(off)) { p = q; goto bad; }
    ip->ip_sum = 0;
    ip->ip_sum = click_in_cksum(reinterpret_cast<unsigned char*>(ip), int(hlen));
    return q;
  }
bad:
  if (drops_ == 0) click_chatter("%s: bad input packet", declaration().c_str());
  ++drops_;
  p->kill();
  return nullptr;
}
EXPORT_ELEMENT(SetIPChecksum)
CLICK_ENDDECLS
