// -*- c++ -*-
#ifndef NETSERV_TRUNCATE_HH
#define NETSERV_TRUNCATE_HH
#include <click/element.hh>
CLICK_DECLS
/*
=c
Truncate(LENGTH [, I<keyword> EXTRA_LENGTH])
=s basicmod
limits packet length
=d
Shortens packets longer than LENGTH bytes to LENGTH bytes; shorter packets
pass unchanged.
=k
=item EXTRA_LENGTH
Boolean. If true (the default), the bytes removed are added to the extra
length annotation, so the packet's original length stays known.
=h length read/write
LENGTH.
=a Strip, Pad, Resize
*/
class Truncate : public Element {
 public:
  const char* class_name() const override { return "Truncate"; }
  const char* port_count() const override { return PORTS_1_1; }
  int configure(Vector<String>& conf, ErrorHandler* errh) override;
  void add_handlers() override;
  Packet* simple_action(Packet* p) override;
 private:
  uint32_t length_ = 0;
  bool extra_length_ = true;
};
CLICK_ENDDECLS
#endif
