// -*- c++ -*-
#ifndef NETSERV_CHECKPAINT_HH
#define NETSERV_CHECKPAINT_HH
#include <click/element.hh>
CLICK_DECLS
/*
=c
CheckPaint(COLOR [, ANNO])
=s paint
checks packets' paint annotation
=d
Packets whose paint annotation equals COLOR go to output 0; the others are
dropped, or emitted on output 1 when it is connected.
=h color read/write
The color checked.
=a Paint, PaintTee
*/
class CheckPaint : public Element {
 public:
  const char* class_name() const override { return "CheckPaint"; }
  const char* port_count() const override { return PORTS_1_1X2; }
  const char* processing() const override { return PROCESSING_A_AH; }
  int configure(Vector<String>& conf, ErrorHandler* errh) override;
  void add_handlers() override;
  Packet* simple_action(Packet* p) override;
 private:
  uint8_t color_ = 0;
  int anno_ = PAINT_ANNO_OFFSET;
};
CLICK_ENDDECLS
#endif
