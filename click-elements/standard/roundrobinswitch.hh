// -*- c++ -*-
#ifndef NETSERV_ROUNDROBINSWITCH_HH
#define NETSERV_ROUNDROBINSWITCH_HH
#include <click/element.hh>

CLICK_DECLS
/*
=c

RoundRobinSwitch

=s classification

sends packets to round-robin outputs

=d

Pushes each arriving packet to one of the N outputs. The next packet will be
pushed to the following output in round-robin order.

=a StrideSwitch, Switch, HashSwitch, RandomSwitch, RoundRobinSched
*/
class RoundRobinSwitch : public Element {
 public:
  const char* class_name() const override { return "RoundRobinSwitch"; }
  const char* port_count() const override { return "1/1-"; }
  const char* processing() const override { return PUSH; }
  void push(int, Packet* p) override {
    int o = next_;
    next_ = (next_ + 1 == noutputs()) ? 0 : next_ + 1;
    output(o).push(p);
  }
 private:
  int next_ = 0;
};
CLICK_ENDDECLS
#endif
