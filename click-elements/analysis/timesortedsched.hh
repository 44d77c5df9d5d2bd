// -*- c++ -*-
#ifndef NETSERV_TIMESORTEDSCHED_HH
#define NETSERV_TIMESORTEDSCHED_HH
#include "../standard/schedulernotifier.hh"
CLICK_DECLS
/*
=c

TimeSortedSched(I<keywords> STOP, BUFFER)

=s timestamps

merges sorted packet streams by timestamp

=d

Pull element with N inputs and one output. Keeps up to BUFFER packets
(default 1) from each input that may have packets and, on each pull, emits the
buffered packet with the smallest timestamp. If the inputs are each sorted, the
output is sorted; a larger BUFFER tolerates some disorder within an input.
If STOP is true, the driver is stopped when every input is empty (their
notifiers, as FromIPSummaryDump's or Queue's, report no more packets).

=h well_ordered read-only

"true" while every emitted packet (with a nonzero timestamp) was no earlier
than the previous one.

=a FromDump, FromIPSummaryDump, PrioSched
*/
class TimeSortedSched : public SchedulerNotifier {
 public:
  const char* class_name() const override { return "TimeSortedSched"; }
  const char* port_count() const override { return "1-/1"; }
  const char* processing() const override { return PULL; }
  int configure(Vector<String>& conf, ErrorHandler* errh) override;
  int initialize(ErrorHandler* errh) override;
  void cleanup(CleanupStage) override;
  void add_handlers() override;
  Packet* pull(int) override;
  // as Click's: the state of the last pull (packets buffered, or an input
  // that might have had some), so the puller pulls once more after the inputs
  // run dry and STOP fires; upstream storage wakes the puller (add_listener)
  bool notifier_active() const override { return signal_; }
 private:
  struct Held { Packet* p; int input; };
  Vector<Held> heap_;           // min-heap by timestamp
  Vector<int> space_;           // free buffer slots per input
  Vector<EmptyNotifier*> upstream_;
  int buffer_ = 1;
  bool stop_ = false;
  bool well_ordered_ = true;
  bool signal_ = true;
  Timestamp last_emission_;
  bool input_may_have_packets(int i) const { return !upstream_[i] || upstream_[i]->notifier_active(); }
};
CLICK_ENDDECLS
#endif
