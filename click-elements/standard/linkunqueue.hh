// -*- c++ -*-
#ifndef NETSERV_LINKUNQUEUE_HH
#define NETSERV_LINKUNQUEUE_HH
#include <click/element.hh>
#include <click/task.hh>
#include <click/timer.hh>
#include <deque>
CLICK_DECLS
/*
=c

LinkUnqueue(LATENCY, BANDWIDTH)

=s shaping

link emulator

=d

Pulls packets from its input and pushes them out its output as a serial
link with the given LATENCY and BANDWIDTH would deliver them: a packet takes
LENGTH / BANDWIDTH to send (its length plus the extra length annotation) after
the one before it, and comes out LATENCY after it was pulled plus that time
(packets pulled back to back queue behind each other). At most LATENCY's worth
of packets is in flight; the rest wait upstream. Each packet's timestamp
annotation is set to its delivery time. BANDWIDTH is at least 100Bps.

=h latency read/write

LATENCY. Writing resets the link (packets in flight are dropped).

=h bandwidth read/write

BANDWIDTH in bytes per second. Writing resets the link.

=h size read-only

Packets in flight.

=h reset write-only

Drops the packets in flight.

=a Queue, Unqueue, RatedUnqueue, DelayShaper
*/
class LinkUnqueue : public Element {
 public:
  LinkUnqueue() : task_(this), timer_([this](Timer*) { task_.reschedule(); }) {}
  const char* class_name() const override { return "LinkUnqueue"; }
  const char* port_count() const override { return PORTS_1_1; }
  const char* processing() const override { return PULL_TO_PUSH; }
  int configure(Vector<String>& conf, ErrorHandler* errh) override;
  int initialize(ErrorHandler* errh) override;
  void cleanup(CleanupStage) override { drop_all(); }
  void add_handlers() override;
  bool run_task(Task*) override;
 private:
  Timestamp latency_;
  uint32_t bandwidth_ = 1;      // in units of 100 bytes/s, as Click
  std::deque<Packet*> link_;    // in flight; timestamps are delivery times
  bool back_to_back_ = false;   // the last pull found a packet: the next one queues behind it
  Task task_;
  Timer timer_;
  EmptyNotifier* upstream_ = nullptr;
  void stamp(Packet* p, const Timestamp& start) const;
  void drop_all();
  int reset();
};
CLICK_ENDDECLS
#endif
