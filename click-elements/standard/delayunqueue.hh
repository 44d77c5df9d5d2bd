// -*- c++ -*-
#ifndef NETSERV_DELAYUNQUEUE_HH
#define NETSERV_DELAYUNQUEUE_HH
#include <click/element.hh>
#include <click/task.hh>
#include <click/timer.hh>
CLICK_DECLS
/*
=c

DelayUnqueue(DELAY)

=s shaping

delay-inducing pull-to-push converter

=d

Pulls each packet from its input and pushes it out its output DELAY after its
timestamp annotation (set to the current time first when zero), with the
timestamp then set to the time it left. One packet is held at a time; while
it waits the element sleeps on a timer, and while the upstream queue is empty
on its notifier.

=h delay read/write

The DELAY.

=a DelayShaper, SetTimestamp, Unqueue
*/
class DelayUnqueue : public Element {
 public:
  DelayUnqueue() : task_(this), timer_([this](Timer*) { task_.reschedule(); }) {}
  const char* class_name() const override { return "DelayUnqueue"; }
  const char* port_count() const override { return PORTS_1_1; }
  const char* processing() const override { return PULL_TO_PUSH; }
  int configure(Vector<String>& conf, ErrorHandler* errh) override;
  int initialize(ErrorHandler* errh) override;
  void cleanup(CleanupStage) override;
  void add_handlers() override;
  bool run_task(Task*) override;
 private:
  Timestamp delay_;
  Packet* held_ = nullptr;   // timestamp already moved to its release time
  Task task_;
  Timer timer_;
  EmptyNotifier* upstream_ = nullptr;
};
CLICK_ENDDECLS
#endif
