// EtherEncap. See etherencap.hh.
#include "etherencap.hh"
#include <click/args.hh>
#include <click/confparse.hh>
#include <click/router.hh>
CLICK_DECLS
int EtherEncap::configure(Vector<String>& conf, ErrorHandler* errh) {
  return Args(conf, this, errh).read_mp("ETHERTYPE", ethertype_).read_mp("SRC", src_).read_mp("DST", dst_).complete();
}
Packet* EtherEncap::simple_action(Packet* p) {
  WritablePacket* q = p->push(14);
  if (!q) return nullptr;
  memcpy(q->data(), dst_.data(), 6);
  memcpy(q->data() + 6, src_.data(), 6);
  uint16_t t = htons(ethertype_);
  memcpy(q->data() + 12, &t, 2);
  q->set_mac_header(q->data(), 14);
  return q;
}
void EtherEncap::add_handlers() {
  add_data_handlers("src", Handler::f_read | Handler::f_write, &src_);
  add_data_handlers("dst", Handler::f_read | Handler::f_write, &dst_);
  add_read_handler("ethertype", [this]() { return std::to_string(ethertype_); });   // decimal, as Click
  add_write_handler("ethertype", [this](const String& s, ErrorHandler* errh) -> int {
    uint16_t t;
    if (!IntArg().parse(cp_uncomment(s), t, ArgContext(this, errh))) return errh->error("ethertype: expected 16-bit integer");
    ethertype_ = t;
    return 0;
  });
}
EXPORT_ELEMENT(EtherEncap)
CLICK_ENDDECLS
