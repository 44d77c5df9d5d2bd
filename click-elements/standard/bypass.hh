// -*- c++ -*-
#ifndef NETSERV_BYPASS_HH
#define NETSERV_BYPASS_HH
#include <click/element.hh>
CLICK_DECLS
/*
=c

Bypass([ACTIVE, I<keywords> INLINE])

=s basictransfer

temporarily sends packets through a detour

=d

Bypass has one or two inputs and outputs, push or pull. While ACTIVE is false
(the default), packets from input 0 go straight to output 0. While ACTIVE is
true, they take a detour: input 0 goes to output 1, and what comes back on
input 1 goes to output 0. In pull, output 0 pulls from input 0, or (active)
from input 1, whose detour pulls output 1, which pulls input 0. (Click's
Bypass also rewires the graph around itself unless INLINE is true; the
packets' paths are the same either way, so INLINE is accepted and unused.)

=h active read/write

ACTIVE.

=a Switch, PullSwitch
*/
class Bypass : public Element {
 public:
  const char* class_name() const override { return "Bypass"; }
  const char* port_count() const override { return "1-2/1-2"; }
  int configure(Vector<String>& conf, ErrorHandler* errh) override;
  void add_handlers() override;
  void push(int port, Packet* p) override { checked_output_push(active_ && port == 0 ? 1 : 0, p); }
  Packet* pull(int port) override {
    int from = active_ && port == 0 ? 1 : 0;
    return from < ninputs() ? input(from).pull() : nullptr;
  }
 private:
  bool active_ = false, inline_ = false;
};
CLICK_ENDDECLS
#endif
