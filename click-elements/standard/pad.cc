// Pad. See pad.hh.
#include "pad.hh"
#include <click/args.hh>
#include <cstring>
CLICK_DECLS
int Pad::configure(Vector<String>& conf, ErrorHandler* errh) {
  return Args(conf, this, errh).read_p("LENGTH", length_).read("ZERO", zero_).complete();
}
Packet* Pad::simple_action(Packet* p) {
  // as Click: with LENGTH, pad to LENGTH; without, restore the extra length
  // (the bytes a Truncate or a short capture left out)
  uint32_t want = length_ ? std::max<uint32_t>(p->length(), length_) : p->length() + p->anno_u32(EXTRA_LENGTH_ANNO_OFFSET);
  if (want > p->length()) {
    uint32_t old = p->length();
    WritablePacket* q = p->put(want - old);
    if (!q) return nullptr;
    if (zero_) memset(q->data() + old, 0, want - old);
    p = q;
  }
  p->set_anno_u32(EXTRA_LENGTH_ANNO_OFFSET, 0);
  return p;
}
void Pad::add_handlers() { add_data_handlers("length", Handler::f_read | Handler::f_write, &length_); }
EXPORT_ELEMENT(Pad)
CLICK_ENDDECLS
