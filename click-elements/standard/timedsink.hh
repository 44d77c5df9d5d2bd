// -*- c++ -*-
#ifndef NETSERV_TIMEDSINK_HH
#define NETSERV_TIMEDSINK_HH
#include <click/element.hh>
#include <click/timer.hh>
CLICK_DECLS
/*
=c

TimedSink([INTERVAL])

=s basicsources

periodically pulls and drops a packet

=d

Pulls one packet from its input every INTERVAL (default 0.5 s), the first
one INTERVAL after initialization, and drops it.

=h interval read/write

The INTERVAL.

=a Discard, TimedSource
*/
class TimedSink : public Element {
 public:
  TimedSink() : timer_(this) {}
  const char* class_name() const override { return "TimedSink"; }
  const char* port_count() const override { return PORTS_1_0; }
  const char* processing() const override { return PULL; }
  int configure(Vector<String>& conf, ErrorHandler* errh) override;
  int initialize(ErrorHandler* errh) override;
  void add_handlers() override;
  void run_timer(Timer*) override;
 private:
  Timestamp interval_ = Timestamp(0, 500000000);
  Timer timer_;
};
CLICK_ENDDECLS
#endif
