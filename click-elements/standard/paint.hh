// -*- c++ -*-
#ifndef NETSERV_PAINT_HH
#define NETSERV_PAINT_HH
#include <click/element.hh>

CLICK_DECLS
/*
=c

Paint(COLOR [, ANNO])

=s paint

sets packet paint annotations

=d

Sets each packet's paint annotation to COLOR, an integer 0..255. ANNO is the
annotation byte offset to set; the default is the paint annotation.

=h color read/write

Get/set the color to paint.

=a PaintTee, PaintSwitch, CheckPaint
*/
class Paint : public Element {
 public:
  const char* class_name() const override { return "Paint"; }
  const char* port_count() const override { return PORTS_1_1; }
  int configure(Vector<String>& conf, ErrorHandler* errh) override;
  bool can_live_reconfigure() const override { return true; }
  void add_handlers() override;
  Packet* simple_action(Packet* p) override { p->set_anno_u8(anno_, color_); return p; }
 private:
  uint8_t color_ = 0;
  int anno_ = PAINT_ANNO_OFFSET;
};
CLICK_ENDDECLS
#endif
