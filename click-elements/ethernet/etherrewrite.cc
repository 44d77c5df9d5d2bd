// EtherRewrite. See etherrewrite.hh.
#include "etherrewrite.hh"
#include <click/args.hh>
CLICK_DECLS
int EtherRewrite::configure(Vector<String>& conf, ErrorHandler* errh) {
  return Args(conf, this, errh).read_mp("SRC", src_).read_mp("DST", dst_).complete();
}
Packet* EtherRewrite::simple_action(Packet* p) {
  if (p->length() < 12) { p->kill(); return nullptr; }
  WritablePacket* q = p->uniqueify();
  if (!q) return nullptr;
  memcpy(q->data(), dst_.data(), 6);
  memcpy(q->data() + 6, src_.data(), 6);
  return q;
}
void EtherRewrite::add_handlers() {
  add_data_handlers("src", Handler::f_read | Handler::f_write, &src_);
  add_data_handlers("dst", Handler::f_read | Handler::f_write, &dst_);
}
EXPORT_ELEMENT(EtherRewrite)
CLICK_ENDDECLS
