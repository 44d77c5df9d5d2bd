// -*- c++ -*-
#ifndef NETSERV_DISCARD_HH
#define NETSERV_DISCARD_HH
#include <click/element.hh>
#include <click/task.hh>
CLICK_DECLS
/*
=c

Discard([I<keywords> ACTIVE])

=s basicsources

drops all packets

=d

Discards all packets received on its single input. If used in a pull
context, it initiates pulls whenever packets are available.

=k

=item ACTIVE

Boolean. If false, then Discard does not pull packets. Default is true. Only
meaningful in pull context.

=h count read-only

Returns the number of packets discarded.

=h reset_counts write-only

Resets "count" to 0.

=h active read/write

Returns or sets the ACTIVE parameter.
*/
class Discard : public Element {
 public:
  Discard() : task_(this) {}
  const char* class_name() const override { return "Discard"; }
  const char* port_count() const override { return PORTS_1_0; }
  int configure(Vector<String>& conf, ErrorHandler* errh) override;
  int initialize(ErrorHandler*) override;
  void add_handlers() override;
  void push(int, Packet* p) override { ++count_; p->kill(); }
  bool run_task(Task*) override;
 private:
  Task task_;
  uint64_t count_ = 0;
  bool active_ = true;
  EmptyNotifier* notifier_ = nullptr;
};
CLICK_ENDDECLS
#endif
