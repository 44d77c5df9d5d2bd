// -*- c++ -*-
#ifndef NETSERV_PAD_HH
#define NETSERV_PAD_HH
#include <click/element.hh>
CLICK_DECLS
/*
=c
Pad([LENGTH, I<keyword> ZERO])
=s basicmod
extends packet length
=d
Without LENGTH, extends each packet by its extra length annotation (the bytes
a capture or Truncate left out); with LENGTH, extends packets shorter than
LENGTH bytes to LENGTH bytes instead (the annotation is not used). Either way
the annotation is cleared, as Click's Pad.
=k
=item ZERO
Boolean. If true (the default), the new bytes are zero.
=h length read/write
LENGTH.
=a Truncate, Resize, Strip
*/
class Pad : public Element {
 public:
  const char* class_name() const override { return "Pad"; }
  const char* port_count() const override { return PORTS_1_1; }
  int configure(Vector<String>& conf, ErrorHandler* errh) override;
  void add_handlers() override;
  Packet* simple_action(Packet* p) override;
 private:
  uint32_t length_ = 0;
  bool zero_ = true;
};
CLICK_ENDDECLS
#endif
