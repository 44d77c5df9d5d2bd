// -*- c++ -*-
#ifndef NETSERV_RATEDSOURCE_HH
#define NETSERV_RATEDSOURCE_HH
#include "templatesource.hh"
#include <click/timer.hh>
CLICK_DECLS
/*
=c

RatedSource([DATA, RATE, LIMIT, BURST, ACTIVE?, I<keywords> DATA, RATE, LIMIT, BURST, ACTIVE, LENGTH, STOP, END_CALL])

=s basicsources

generates packets at a specified rate

=d

Creates packets consisting of DATA, sending RATE packets per second (default 10). Stops sending after LIMIT packets
are generated; but if LIMIT is negative (the default), sends packets forever.
If STOP is true, the driver is asked to stop when the limit is reached.
The default DATA is at least 64 bytes long. LENGTH, if given, overrides the
packet length (DATA is repeated or truncated). Each packet's timestamp
annotation is set to the current time.

=k

=item RATE

Integer. Packets per second. Default 10.

=item DATA, LIMIT, ACTIVE, BURST, STOP, LENGTH

As for InfiniteSource (BURST is a keyword only here).

=item END_CALL

A write handler ("ELEMENT.HANDLER [VALUE]") called when LIMIT is reached;
checked at initialization.

=h rate read/write

Returns or sets the RATE parameter (and restarts the count).

=h count, reset, data, length, limit, burst, active

As for InfiniteSource.

=a InfiniteSource, Unqueue, RatedUnqueue
*/
class RatedSource : public TemplateSource {
 public:
  RatedSource() : timer_(this) {}
  const char* class_name() const override { return "RatedSource"; }
  int configure(Vector<String>& conf, ErrorHandler* errh) override;
  int initialize(ErrorHandler* errh) override;
  void add_handlers() override;
  bool run_task(Task*) override;
  void run_timer(Timer*) override;
  Packet* pull(int) override;
 private:
  Timer timer_;
  uint32_t rate_ = 10;
  Timestamp start_;   // emission clock: packet k is due at start_ + k / RATE
  void rearm() override { timer_.schedule_now(); }
  void reset_clock() override { start_ = Timestamp::now_steady(); }
  void resume_clock() override;
};
CLICK_ENDDECLS
#endif
