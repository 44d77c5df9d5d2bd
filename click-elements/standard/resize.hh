// -*- c++ -*-
#ifndef NETSERV_RESIZE_HH
#define NETSERV_RESIZE_HH
#include <click/element.hh>
CLICK_DECLS
/*
=c
Resize([HEAD, TAIL])
=s basicmod
adds or removes bytes at a packet's ends
=d
Changes each packet's length: HEAD bytes are added in front (HEAD > 0;
their contents are whatever the buffer held, as in Click) or removed from the front (HEAD < 0); TAIL likewise at the end. A
removal longer than the packet leaves it empty. Both default to 0.
=h head read/write
HEAD.
=h tail read/write
TAIL.
=a Strip, Unstrip, Truncate, Pad
*/
class Resize : public Element {
 public:
  const char* class_name() const override { return "Resize"; }
  const char* port_count() const override { return PORTS_1_1; }
  int configure(Vector<String>& conf, ErrorHandler* errh) override;
  void add_handlers() override;
  Packet* simple_action(Packet* p) override;
 private:
  int head_ = 0, tail_ = 0;
};
CLICK_ENDDECLS
#endif
