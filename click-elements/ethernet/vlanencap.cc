// VLANEncap. See vlanencap.hh.
#include "vlanencap.hh"
#include <click/args.hh>
#include <click/confparse.hh>
#include <click/checksum.hh>
#include <clicknet/ip.h>
#include <arpa/inet.h>
#include <cstring>
CLICK_DECLS
// VLAN_ID [VLAN_PCP] or "ANNO" -> tci (host order); returns false on error.
static bool parse_vlan(const String& id, const String& pcp, bool& anno, uint16_t& tci, ErrorHandler* errh, const Element* e) {
  anno = false;
  if (id == "ANNO") { anno = true; return true; }
  uint32_t v, p = 0;
  ArgContext ctx(e, errh);
  if (!IntArg().parse(id, v, ctx) || v > 0xFFFF || (!pcp.empty() && v > 0xFFF)) { errh->error("VLAN_ID: expected 0..4095 (or a 16-bit VLAN_TCI)"); return false; }
  if (!pcp.empty() && (!IntArg().parse(pcp, p, ctx) || p > 7)) { errh->error("VLAN_PCP: expected 0..7"); return false; }
  tci = uint16_t(v | (p << 13));
  return true;
}

int VLANEncap::configure(Vector<String>& conf, ErrorHandler* errh) {
  String id, pcp;
  if (Args(conf, this, errh).read_mp("VLAN_ID", AnyArg(), id).read_p("VLAN_PCP", AnyArg(), pcp)
          .read("VLAN_TCI", AnyArg(), id).read("ETHERTYPE", ethertype_).read("NATIVE_VLAN", native_).complete() < 0)
    return -EINVAL;
  return parse_vlan(id, pcp, anno_, tci_, errh, this) ? 0 : -EINVAL;
}
Packet* VLANEncap::simple_action(Packet* p) {
  uint16_t tci = anno_ ? ntohs(p->anno_u16(VLAN_TCI_ANNO_OFFSET)) : tci_;
  if ((tci & 0xFFF) == native_) return p;
  if (p->length() < 12) { p->kill(); return nullptr; }
  WritablePacket* q = p->push(4);
  if (!q) return nullptr;
  memmove(q->data(), q->data() + 4, 12);
  uint16_t t = htons(ethertype_), c = htons(tci);
  memcpy(q->data() + 12, &t, 2);
  memcpy(q->data() + 14, &c, 2);
  q->set_mac_header(q->data(), 18);
  return q;
}
void VLANEncap::add_handlers() { add_data_handlers("vlan_tci", Handler::f_read | Handler::f_write, &tci_); }
EXPORT_ELEMENT(VLANEncap)
CLICK_ENDDECLS
