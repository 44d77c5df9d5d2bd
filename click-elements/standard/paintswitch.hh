// -*- c++ -*-
#ifndef NETSERV_PAINTSWITCH_HH
#define NETSERV_PAINTSWITCH_HH
#include <click/element.hh>

CLICK_DECLS
/*
=c

PaintSwitch([ANNO])

=s paint

sends packet stream to output chosen per-packet

=d

PaintSwitch sends every incoming packet to one of its output ports,
specifically output port number K, where K is the value of the paint
annotation (or the byte at offset ANNO). If the paint annotation is set to
255, the packet is dropped; packets whose value is not a valid output are
dropped too.

=a Paint, Switch, StaticSwitch
*/
class PaintSwitch : public Element {
 public:
  const char* class_name() const override { return "PaintSwitch"; }
  const char* port_count() const override { return "1/-"; }
  const char* processing() const override { return PUSH; }
  int configure(Vector<String>& conf, ErrorHandler* errh) override;
  void push(int, Packet* p) override { checked_output_push(p->anno_u8(anno_), p); }
 private:
  int anno_ = PAINT_ANNO_OFFSET;
};
CLICK_ENDDECLS
#endif
