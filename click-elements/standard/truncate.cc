// Truncate. See truncate.hh.
#include "truncate.hh"
#include <click/args.hh>
CLICK_DECLS
int Truncate::configure(Vector<String>& conf, ErrorHandler* errh) {
  return Args(conf, this, errh).read_mp("LENGTH", length_).read("EXTRA_LENGTH", extra_length_).complete();
}
Packet* Truncate::simple_action(Packet* p) {
  if (p->length() > length_) {
    uint32_t cut = p->length() - length_;
    if (extra_length_) p->set_anno_u32(EXTRA_LENGTH_ANNO_OFFSET, p->anno_u32(EXTRA_LENGTH_ANNO_OFFSET) + cut);
    p->take(cut);
  }
  return p;
}
void Truncate::add_handlers() { add_data_handlers("length", Handler::f_read | Handler::f_write, &length_); }
EXPORT_ELEMENT(Truncate)
CLICK_ENDDECLS
