// EtherVLANEncap. See ethervlanencap.hh.
#include "ethervlanencap.hh"
#include <click/args.hh>
#include <click/packet.hh>
#include <arpa/inet.h>
#include <cstring>
CLICK_DECLS

int EtherVLANEncap::configure(Vector<String>& conf, ErrorHandler* errh) {
  uint16_t ethertype;
  EtherAddress src, dst;
  String tci_word;
  int pcp = 0, id = 0, native = 0;
  if (Args(conf, this, errh).read_mp("ETHERTYPE", ethertype).read_mp("SRC", src).read_mp("DST", dst)
          .read_p("VLAN_TCI", WordArg(), tci_word).read_p("VLAN_PCP", pcp).read("VLAN_ID", id)
          .read("NATIVE_VLAN", native).complete() < 0)
    return -EINVAL;
  if (pcp < 0 || pcp > 7) return errh->error("VLAN_PCP: expected 0-7");
  if (id < 0 || id > 0xFFF) return errh->error("VLAN_ID: expected 0-4095");
  if (native < -1 || native > 0xFFF) return errh->error("NATIVE_VLAN: expected -1-4095");
  int tci = -1;
  bool anno = tci_word == "ANNO";
  if (!tci_word.empty() && !anno) {
    if (!IntArg().parse(tci_word, tci, ArgContext(this, errh)) || tci < 0 || tci > 0xFFFF)
      return errh->error("VLAN_TCI: expected 0-65535 or ANNO");
  }
  src_ = src;
  dst_ = dst;
  ethertype_ = ethertype;
  tci_ = uint16_t((tci >= 0 ? tci : id) | (pcp << 13));
  use_anno_ = anno;
  native_vlan_ = native;
  return 0;
}

Packet* EtherVLANEncap::simple_action(Packet* p) {
  uint16_t tci = use_anno_ ? ntohs(p->anno_u16(VLAN_TCI_ANNO_OFFSET)) : tci_;
  bool tagged = native_vlan_ < 0 || (tci & 0x0FFF) != native_vlan_;
  WritablePacket* q = p->push(tagged ? 18 : 14);
  if (!q) return nullptr;
  unsigned char* d = q->data();
  memcpy(d, dst_.data(), 6);
  memcpy(d + 6, src_.data(), 6);
  size_t at = 12;
  if (tagged) {
    d[12] = 0x81; d[13] = 0x00;
    d[14] = uint8_t(tci >> 8); d[15] = uint8_t(tci);
    at = 16;
  }
  d[at] = uint8_t(ethertype_ >> 8);
  d[at + 1] = uint8_t(ethertype_);
  q->set_mac_header(d, tagged ? 18 : 14);
  return q;
}

void EtherVLANEncap::add_handlers() {
  add_read_handler("config", [this]() {
    return src_.unparse() + ", " + dst_.unparse() + ", " + string_printf("0x%04x", ethertype_) + ", " +
           (use_anno_ ? String("ANNO") : std::to_string(tci_)) + ", NATIVE_VLAN " + std::to_string(native_vlan_);
  }, Handler::f_calm);
}

EXPORT_ELEMENT(EtherVLANEncap)
CLICK_ENDDECLS
