// -*- c++ -*-
#ifndef NETSERV_UNQUEUE_HH
#define NETSERV_UNQUEUE_HH
#include <click/element.hh>
#include <click/task.hh>
CLICK_DECLS
/*
=c

Unqueue([BURST, I<keywords> ACTIVE, LIMIT])

=s shaping

pull-to-push converter

=d

Pulls packets whenever they are available, then pushes them out its single
output. Pulls a maximum of BURST packets every time it is scheduled (default
1; 0 or negative means no limit). If LIMIT is given, stops after LIMIT packets.

=h count read-only

Returns the count of packets that have passed through Unqueue.

=h reset write-only

Resets the count to 0.

=h active read/write

Returns or sets the ACTIVE parameter.

=h burst read/write

Returns or sets the BURST parameter.

=a RatedUnqueue, BandwidthRatedUnqueue
*/
class Unqueue : public Element {
 public:
  Unqueue() : task_(this) {}
  const char* class_name() const override { return "Unqueue"; }
  const char* port_count() const override { return PORTS_1_1; }
  const char* processing() const override { return PULL_TO_PUSH; }
  int configure(Vector<String>& conf, ErrorHandler* errh) override;
  int initialize(ErrorHandler*) override;
  void add_handlers() override;
  bool run_task(Task*) override;
 private:
  Task task_;
  int burst_ = 1;
  int64_t limit_ = -1;
  bool active_ = true;
  uint64_t count_ = 0;
  EmptyNotifier* notifier_ = nullptr;  // upstream Queue: sleep while it is empty
};
CLICK_ENDDECLS
#endif
