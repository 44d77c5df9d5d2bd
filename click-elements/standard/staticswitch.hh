// -*- c++ -*-
#ifndef NETSERV_STATICSWITCH_HH
#define NETSERV_STATICSWITCH_HH
#include <click/element.hh>

CLICK_DECLS
/*
=c

StaticSwitch(OUTPUT)

=s classification

sends packet stream to fixed output

=d

StaticSwitch sends every incoming packet to one of its output ports --
specifically, OUTPUT. If OUTPUT is negative or at least the number of
outputs, incoming packets are dropped.

=a Switch, StaticPullSwitch
*/
class StaticSwitch : public Element {
 public:
  const char* class_name() const override { return "StaticSwitch"; }
  const char* port_count() const override { return "1/-"; }
  const char* processing() const override { return PUSH; }
  int configure(Vector<String>& conf, ErrorHandler* errh) override;
  void push(int, Packet* p) override { checked_output_push(output_, p); }
 private:
  int output_ = 0;
};
CLICK_ENDDECLS
#endif
