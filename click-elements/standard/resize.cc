// Resize. See resize.hh.
#include "resize.hh"
#include <click/args.hh>
#include <click/confparse.hh>
#include <click/checksum.hh>
#include <clicknet/ip.h>
#include <cstring>
CLICK_DECLS
int Resize::configure(Vector<String>& conf, ErrorHandler* errh) {
  return Args(conf, this, errh).read_p("HEAD", head_).read_p("TAIL", tail_).complete();
}
Packet* Resize::simple_action(Packet* p) {
  if (head_ > 0) {
    WritablePacket* q = p->push(head_);
    if (!q) return nullptr;
    p = q;
  } else if (head_ < 0)
    p->pull(std::min<uint32_t>(-head_, p->length()));
  if (tail_ > 0) {
    WritablePacket* q = p->put(tail_);
    if (!q) return nullptr;
    p = q;
  } else if (tail_ < 0)
    p->take(std::min<uint32_t>(-tail_, p->length()));
  return p;
}
void Resize::add_handlers() {
  add_data_handlers("head", Handler::f_read | Handler::f_write, &head_);
  add_data_handlers("tail", Handler::f_read | Handler::f_write, &tail_);
}
EXPORT_ELEMENT(Resize)
CLICK_ENDDECLS
