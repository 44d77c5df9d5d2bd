// CheckPaint. See checkpaint.hh.
#include "checkpaint.hh"
#include <click/args.hh>
CLICK_DECLS
int CheckPaint::configure(Vector<String>& conf, ErrorHandler* errh) {
  int anno = PAINT_ANNO_OFFSET;
  if (Args(conf, this, errh).read_mp("COLOR", color_).read_p("ANNO", anno).complete() < 0) return -EINVAL;
  if (anno < 0 || anno >= Packet::anno_size) return errh->error("ANNO: out of range");
  anno_ = anno;
  return 0;
}
Packet* CheckPaint::simple_action(Packet* p) {
  if (p->anno_u8(anno_) == color_) return p;
  checked_output_push(1, p);
  return nullptr;
}
void CheckPaint::add_handlers() { add_data_handlers("color", Handler::f_read | Handler::f_write, &color_); }
EXPORT_ELEMENT(CheckPaint)
CLICK_ENDDECLS
