// -*- c++ -*-
#ifndef NETSERV_PRIOSCHED_HH
#define NETSERV_PRIOSCHED_HH
#include "schedulernotifier.hh"
CLICK_DECLS
/*
=c
PrioSched
=s scheduling
pulls from priority-scheduled inputs
=d
Each pull tries input 0, then input 1, and so on, and returns the first
packet it gets: a lower input is served only while the higher ones are
empty. Pullers downstream sleep while every input's storage is empty.
=a RoundRobinSched, StrideSched, PullSwitch
*/
class PrioSched : public SchedulerNotifier {
 public:
  const char* class_name() const override { return "PrioSched"; }
  const char* port_count() const override { return "-/1"; }
  const char* processing() const override { return PULL; }
  Packet* pull(int) override {
    for (int i = 0; i < ninputs(); ++i)
      if (Packet* p = input(i).pull()) return p;
    return nullptr;
  }
};
CLICK_ENDDECLS
#endif
