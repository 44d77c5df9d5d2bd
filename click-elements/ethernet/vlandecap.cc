// VLANDecap. See vlandecap.hh.
#include "vlandecap.hh"
#include <click/args.hh>
#include <click/confparse.hh>
#include <click/checksum.hh>
#include <clicknet/ip.h>
#include <arpa/inet.h>
#include <cstring>
CLICK_DECLS
int VLANDecap::configure(Vector<String>& conf, ErrorHandler* errh) {
  return Args(conf, this, errh).read_p("ANNO", anno_).read("ETHERTYPE", ethertype_).complete();
}
Packet* VLANDecap::simple_action(Packet* p) {
  const unsigned char* d = p->data();
  uint16_t type = p->length() >= 18 ? uint16_t((d[12] << 8) | d[13]) : 0;
  if (type != ethertype_) { if (anno_) p->set_anno_u16(VLAN_TCI_ANNO_OFFSET, 0); return p; }
  uint16_t tci;
  memcpy(&tci, d + 14, 2);
  WritablePacket* q = p->uniqueify();
  if (!q) return nullptr;
  memmove(q->data() + 4, q->data(), 12);
  q->pull(4);
  q->set_mac_header(q->data(), 14);
  if (anno_) q->set_anno_u16(VLAN_TCI_ANNO_OFFSET, tci);
  return q;
}
EXPORT_ELEMENT(VLANDecap)
CLICK_ENDDECLS
