// -*- c++ -*-
#ifndef NETSERV_SWITCH_HH
#define NETSERV_SWITCH_HH
#include <click/element.hh>

CLICK_DECLS
/*
=c

Switch([OUTPUT])

=s classification

sends packet stream to settable output

=d

Switch sends every incoming packet to one of its output ports -- specifically,
OUTPUT. The default OUTPUT is zero. If OUTPUT is negative or at least the
number of outputs, incoming packets are dropped. You may change OUTPUT with a
write handler.

=h switch read/write

Return or set the K parameter.

=a StaticSwitch, PullSwitch, RoundRobinSwitch, StrideSwitch, HashSwitch
*/
class Switch : public Element {
 public:
  const char* class_name() const override { return "Switch"; }
  const char* port_count() const override { return "1/-"; }
  const char* processing() const override { return PUSH; }
  int configure(Vector<String>& conf, ErrorHandler* errh) override;
  bool can_live_reconfigure() const override { return true; }
  void add_handlers() override;
  void push(int, Packet* p) override { checked_output_push(output_, p); }
 private:
  int output_ = 0;
};
CLICK_ENDDECLS
#endif
