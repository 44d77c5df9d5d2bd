// StripEtherVLANHeader. See stripethervlanheader.hh.
#include "stripethervlanheader.hh"
#include <click/args.hh>
#include <click/packet.hh>
#include <arpa/inet.h>
#include <cstring>
CLICK_DECLS

int StripEtherVLANHeader::configure(Vector<String>& conf, ErrorHandler* errh) {
  int native = 0;
  if (Args(conf, this, errh).read_p("NATIVE_VLAN", native).complete() < 0) return -EINVAL;
  if (native > 0xFFF) return errh->error("bad NATIVE_VLAN");
  native_vlan_ = native < 0 ? -1 : native;
  return 0;
}

Packet* StripEtherVLANHeader::simple_action(Packet* p) {
  const unsigned char* d = p->data();
  if (p->length() >= 18 && d[12] == 0x81 && d[13] == 0x00) {
    uint16_t tci;
    memcpy(&tci, d + 14, 2);   // stored as on the wire, as the annotation is
    p->set_anno_u16(VLAN_TCI_ANNO_OFFSET, tci);
    p->pull(18);
  } else if (native_vlan_ >= 0 && p->length() >= 14) {
    p->set_anno_u16(VLAN_TCI_ANNO_OFFSET, htons(uint16_t(native_vlan_)));
    p->pull(14);
  } else {
    checked_output_push(1, p);
    return nullptr;
  }
  return p;
}

EXPORT_ELEMENT(StripEtherVLANHeader)
CLICK_ENDDECLS
