// -*- c++ -*-
#ifndef NETSERV_RATEDUNQUEUE_HH
#define NETSERV_RATEDUNQUEUE_HH
#include <click/element.hh>
#include <click/task.hh>
#include <click/timer.hh>
#include "ratesettings.hh"
CLICK_DECLS
/*
=c

RatedUnqueue(RATE, I<keywords> BURST_DURATION, BURST_SIZE, ACTIVE)

=s shaping

pull-to-push converter

=d

Pulls packets at the given RATE in packets per second, and pushes them out its
single output. A token bucket (Click's TokenBucket arithmetic, 1 ms jiffies of
the driver clock) holds at most BURST_SIZE tokens; one packet costs one token.
When the bucket is empty the task sleeps on a timer until the next token is
due; when the upstream queue is empty it sleeps until the queue's notifier
wakes it.

=k

=item RATE

Unsigned. Packets per second. 0 means unlimited.

=item BURST_DURATION

Time. The bucket holds RATE * BURST_DURATION tokens. Default 20 ms.

=item BURST_SIZE

Unsigned. The bucket holds this many tokens (at least 1). Give either
BURST_DURATION or BURST_SIZE, not both.

=item ACTIVE

Boolean. If false, the element does not pull. Default true.

=h rate read/write

The RATE (rounded as the token bucket represents it). Writing it keeps the
burst settings.

=h config read-only

Same as rate.

=h active read/write

The ACTIVE setting.

=h calls read-only

Task statistics: "N calls to run_task()", "N empty runs", "N pushes",
"N failed pulls", one per line.

=a BandwidthRatedUnqueue, Unqueue, Shaper, RatedSplitter
*/
class RatedUnqueue : public Element {
 public:
  RatedUnqueue();
  const char* class_name() const override { return "RatedUnqueue"; }
  const char* port_count() const override { return PORTS_1_1; }
  const char* processing() const override { return PULL_TO_PUSH; }
  int configure(Vector<String>& conf, ErrorHandler* errh) override;
  int initialize(ErrorHandler* errh) override;
  void add_handlers() override;
  bool run_task(Task*) override;

 protected:
  /** BandwidthRatedUnqueue: tokens are bytes, RATE is a bandwidth. */
  virtual bool is_bandwidth() const { return false; }
  /** Tokens a packet needs before it may be pulled (bandwidth: a threshold
   *  larger than any packet, so a full-size packet never waits on its own). */
  virtual uint32_t tokens_needed() const { return 1; }
  virtual uint32_t tokens_spent(const Packet*) const { return 1; }
  enum { bandwidth_threshold = RateSettings::bandwidth_threshold };

 private:
  Task task_;
  Timer wake_timer_;    // reschedules the task when the next token is due
  TokenBucket bucket_;
  EmptyNotifier* upstream_ = nullptr;
  bool active_ = true;
  RateSettings settings_{false};   // kept so writing "rate" keeps the burst
  uint64_t runs_ = 0, pushes_ = 0, failed_pulls_ = 0, empty_runs_ = 0;
};
CLICK_ENDDECLS
#endif
