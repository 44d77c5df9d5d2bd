// -*- c++ -*-
#ifndef NETSERV_PAINTTEE_HH
#define NETSERV_PAINTTEE_HH
#include <click/element.hh>
CLICK_DECLS
/*
=c
PaintTee(COLOR [, ANNO])
=s paint
duplicates packets with given paint annotation
=d
Every packet goes to output 0. A packet whose paint annotation equals COLOR
(0..255) is also copied (cloned) to output 1 — in an IP router, a packet that
leaves by the interface it came in on, for an ICMP redirect. ANNO is the
annotation byte to compare (default the paint annotation).
=h color read/write
The color compared.
=a Paint, CheckPaint, PaintSwitch
*/
class PaintTee : public Element {
 public:
  const char* class_name() const override { return "PaintTee"; }
  const char* port_count() const override { return "1/2"; }
  const char* processing() const override { return PUSH; }
  int configure(Vector<String>& conf, ErrorHandler* errh) override;
  void add_handlers() override;
  Packet* simple_action(Packet* p) override;
 private:
  uint8_t color_ = 0;
  int anno_ = PAINT_ANNO_OFFSET;
};
CLICK_ENDDECLS
#endif
