// Paint. See paint.hh.
#include "paint.hh"
#include <click/args.hh>
#include <click/confparse.hh>
#include <click/router.hh>
CLICK_DECLS
int Paint::configure(Vector<String>& conf, ErrorHandler* errh) {
  int anno = PAINT_ANNO_OFFSET;
  uint8_t color;
  if (Args(conf, this, errh).read_mp("COLOR", color).read_p("ANNO", anno).complete() < 0) return -EINVAL;
  if (anno < 0 || anno >= Packet::anno_size) return errh->error("ANNO out of range");
  color_ = color;
  anno_ = anno;
  return 0;
}
void Paint::add_handlers() { add_data_handlers("color", Handler::f_read | Handler::f_write, &color_); }
EXPORT_ELEMENT(Paint)
CLICK_ENDDECLS
