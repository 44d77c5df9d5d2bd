// -*- c++ -*-
#ifndef NETSERV_TIMEDSOURCE_HH
#define NETSERV_TIMEDSOURCE_HH
#include <click/element.hh>
#include <click/timer.hh>
CLICK_DECLS
/*
=c

TimedSource([INTERVAL, DATA, I<keywords> LIMIT, ACTIVE, STOP, HEADROOM])

=s basicsources

periodically generates a packet

=d

Pushes a copy of DATA every INTERVAL (default 0.5 s), the first one INTERVAL
after initialization, with its timestamp annotation set to the current time.
After LIMIT packets (default -1, no limit) it stops sending; if STOP is true,
it then (one INTERVAL later) asks the driver to stop.

=h data read/write

The packet data.

=h interval read/write

The INTERVAL.

=h active read/write

ACTIVE; writing true restarts the timer.

=h count read-only

Packets sent.

=a RatedSource, InfiniteSource
*/
class TimedSource : public Element {
 public:
  TimedSource() : timer_(this) {}
  const char* class_name() const override { return "TimedSource"; }
  const char* port_count() const override { return PORTS_0_1; }
  const char* processing() const override { return PUSH; }
  int configure(Vector<String>& conf, ErrorHandler* errh) override;
  int initialize(ErrorHandler* errh) override;
  void cleanup(CleanupStage) override;
  void add_handlers() override;
  void run_timer(Timer*) override;
 private:
  Packet* packet_ = nullptr;   // template, cloned per send
  String data_;
  Timestamp interval_ = Timestamp(0, 500000000);
  int64_t limit_ = -1, count_ = 0;
  bool active_ = true, stop_ = false;
  uint32_t headroom_ = 48;
  Timer timer_;
  int remake(ErrorHandler* errh);
};
CLICK_ENDDECLS
#endif
