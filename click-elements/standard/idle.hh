// -*- c++ -*-
#ifndef NETSERV_IDLE_HH
#define NETSERV_IDLE_HH
#include <click/element.hh>
#include <cstring>
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
or "output unused" errors. Pullers from Idle see an empty notifier that never
turns on, so they sleep rather than poll (as in Click).

=a Discard
*/
class Idle : public Element, public EmptyNotifier {
 public:
  const char* class_name() const override { return "Idle"; }
  const char* port_count() const override { return "-/-"; }
  const char* processing() const override { return AGNOSTIC; }
  const char* flow_code() const override { return "x/y"; }
  void push(int, Packet* p) override { p->kill(); }
  Packet* pull(int) override { return nullptr; }
  // as Click's Idle, an empty notifier that never turns on: pullers from it sleep instead of polling
  void* cast(const char* n) override {
    if (strcmp(n, "EmptyNotifier") == 0) return static_cast<EmptyNotifier*>(this);
    return Element::cast(n);
  }
  bool notifier_active() const override { return false; }
  void add_listener(Task*) override {}
};
CLICK_ENDDECLS
#endif
