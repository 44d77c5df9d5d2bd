// -*- c++ -*-
#ifndef NETSERV_ROUNDROBINSCHED_HH
#define NETSERV_ROUNDROBINSCHED_HH
#include "schedulernotifier.hh"
CLICK_DECLS
/*
=c
RoundRobinSched
=s scheduling
pulls from round-robin inputs
=d
Each pull tries the inputs in turn, starting with the one after the input
that last gave a packet, and returns the first packet it gets. Pullers
downstream sleep while every input's storage is empty.
=a PrioSched, StrideSched, RoundRobinSwitch
*/
class RoundRobinSched : public SchedulerNotifier {
 public:
  const char* class_name() const override { return "RoundRobinSched"; }
  const char* port_count() const override { return "-/1"; }
  const char* processing() const override { return PULL; }
  Packet* pull(int) override;
 private:
  int next_ = 0;
};
CLICK_ENDDECLS
#endif
