// -*- c++ -*-
#ifndef NETSERV_IDLE_HH
#define NETSERV_IDLE_HH
#include <click/element.hh>
CLICK_DECLS
/*
=c

Idle

=s basicsources

discards packets, never generates them

=d

Has zero or more agnostic inputs and zero or more agnostic outputs. It never
pushes a packet to any output or pulls a packet from any input. Any packet it
does receive by push is discarded. Idle is often used to avoid "input unused"
or "output unused" errors.

=a Discard
*/
class Idle : public Element {
 public:
  const char* class_name() const override { return "Idle"; }
  const char* port_count() const override { return "-/-"; }
  const char* processing() const override { return AGNOSTIC; }
  const char* flow_code() const override { return "x/y"; }
  void push(int, Packet* p) override { p->kill(); }
  Packet* pull(int) override { return nullptr; }
};
CLICK_ENDDECLS
#endif
