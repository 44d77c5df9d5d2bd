// -*- c++ -*-
#ifndef NETSERV_TIMEFILTER_HH
#define NETSERV_TIMEFILTER_HH
#include <click/element.hh>
#include <click/handlercall.hh>
CLICK_DECLS
/*
=c

TimeFilter([START, END, I<keywords> START_AFTER, END_AFTER, START_DELAY, END_DELAY, INTERVAL, STOP, END_CALL])

=s timestamps

filters packets by timestamp

=d

Passes packets whose timestamp annotation lies in [START, END) out output 0;
the others go to output 1 (dropped if absent). START_AFTER / END_AFTER are
relative to the first packet's timestamp, START_DELAY / END_DELAY to the time
of initialization, INTERVAL to the start. When a packet at or after the end
arrives, END_CALL (a write handler call; "$t" in its value is that packet's
timestamp) is called, repeatedly while it moves the end forward past nothing;
STOP true stops the driver instead.

=h start read/write

The start time.

=h end read/write

The end time.

=h interval read/write

end - start; writing sets end = start + value.

=h extend_interval write-only

Adds the value to the end time (and re-arms END_CALL).

=a AdjustTimestamp, SetTimestamp
*/
class TimeFilter : public Element {
 public:
  const char* class_name() const override { return "TimeFilter"; }
  const char* port_count() const override { return "1/1-2"; }
  const char* processing() const override { return PROCESSING_A_AH; }
  int configure(Vector<String>& conf, ErrorHandler* errh) override;
  int initialize(ErrorHandler* errh) override;
  void add_handlers() override;
  Packet* simple_action(Packet* p) override;
 private:
  Timestamp first_, last_;
  bool first_relative_ = false, first_init_relative_ = false;
  bool last_relative_ = false, last_init_relative_ = false, last_interval_ = false;
  bool ready_ = false;          // relative times resolved (first packet seen)
  HandlerCall end_call_;
  bool end_call_ready_ = false; // END_CALL may fire (re-armed by moving the end)
  void first_packet(const Timestamp& t);
  void call_end(const Timestamp& t);
  Packet* reject(Packet* p) { checked_output_push(1, p); return nullptr; }
};
CLICK_ENDDECLS
#endif
