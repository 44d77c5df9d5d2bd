// PaintSwitch. See paintswitch.hh.
#include "paintswitch.hh"
#include <click/args.hh>
#include <click/confparse.hh>
#include <click/router.hh>
CLICK_DECLS
int PaintSwitch::configure(Vector<String>& conf, ErrorHandler* errh) {
  int anno = PAINT_ANNO_OFFSET;
  if (Args(conf, this, errh).read_p("ANNO", anno).complete() < 0) return -EINVAL;
  if (anno < 0 || anno >= Packet::anno_size) return errh->error("ANNO out of range");
  anno_ = anno;
  return 0;
}
EXPORT_ELEMENT(PaintSwitch)
CLICK_ENDDECLS
