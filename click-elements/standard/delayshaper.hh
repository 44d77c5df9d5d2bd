// -*- c++ -*-
#ifndef NETSERV_DELAYSHAPER_HH
#define NETSERV_DELAYSHAPER_HH
#include <click/element.hh>
#include <click/timer.hh>
CLICK_DECLS
/*
=c

DelayShaper(DELAY)

=s shaping

shapes traffic to meet delay requirements

=d

Pull element: holds each packet until DELAY after its timestamp annotation
(set to the current time first when zero), then releases it with its
timestamp set to the time it left. Downstream pullers sleep while a packet is
being held and are woken by a timer when it is due, or by the upstream queue
when a packet arrives.

=h delay read/write

The DELAY.

=a DelayUnqueue, SetTimestamp, Queue
*/
class DelayShaper : public Element, public EmptyNotifier {
 public:
  DelayShaper() : timer_(this) {}
  const char* class_name() const override { return "DelayShaper"; }
  const char* port_count() const override { return PORTS_1_1; }
  const char* processing() const override { return PULL; }
  void* cast(const char* n) override;
  int configure(Vector<String>& conf, ErrorHandler* errh) override;
  int initialize(ErrorHandler* errh) override;
  void cleanup(CleanupStage) override;
  void add_handlers() override;
  Packet* pull(int) override;
  void run_timer(Timer*) override;
  // the signal is ours alone; upstream storage only wakes our pullers
  bool notifier_active() const override { return awake_; }
  void add_listener(Task* t) override;
 private:
  Timestamp delay_;
  Packet* held_ = nullptr;     // timestamp already moved to its release time
  Timer timer_;
  EmptyNotifier* upstream_ = nullptr;
  bool awake_ = true;
  Vector<Task*> listeners_;
  void sleep() { awake_ = false; }
  void wake();
};
CLICK_ENDDECLS
#endif
