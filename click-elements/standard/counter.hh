// -*- c++ -*-
#ifndef NETSERV_COUNTER_HH
#define NETSERV_COUNTER_HH
#include <click/element.hh>
#include <click/ewma.hh>
#include <click/handlercall.hh>
CLICK_DECLS

/*
=c

Counter([I<keywords COUNT_CALL, BYTE_COUNT_CALL>])

=s counters

measures packet count and rate

=d

Passes packets unchanged from its input to its output, maintaining statistics
information about packet count and packet rate.

=k

=item COUNT_CALL

Argument is `N HANDLER [VALUE]'. When the packet count reaches N, call the
write handler HANDLER with VALUE.

=item BYTE_COUNT_CALL

Same, for the byte count.

=h count read-only

Number of packets that have passed through since the last reset.

=h byte_count read-only

Number of bytes (packet lengths) that have passed through since the last reset.

=h rate read-only

Recent arrival rate, measured by exponential weighted moving average, in
packets per second.

=h bit_rate read-only

Recent arrival rate in bits per second.

=h byte_rate read-only

Recent arrival rate in bytes per second.

=h reset_counts write-only

Resets the counts and rates to zero.

=h reset write-only

Same as reset_counts.

=h count_call write-only

Writes a new COUNT_CALL argument (count_call is read/write).

=a AverageCounter
*/
class Counter : public Element {
 public:
  const char* class_name() const override { return "Counter"; }
  const char* port_count() const override { return PORTS_1_1; }
  int configure(Vector<String>& conf, ErrorHandler* errh) override;
  int initialize(ErrorHandler* errh) override;
  void add_handlers() override;
  Packet* simple_action(Packet* p) override;
  void reset();
  uint64_t count() const { return count_; }
  uint64_t byte_count() const { return byte_count_; }

 private:
  /** COUNT_CALL / BYTE_COUNT_CALL: "N HANDLER [VALUE]", fired once when the count reaches N. */
  struct CountCall {
    String arg;           // as written, for the read handler
    uint64_t trigger = 0;
    HandlerCall call;
    bool triggered = false;
  };
  uint64_t count_ = 0, byte_count_ = 0;
  RateEWMA packet_rate_, byte_rate_;
  CountCall count_call_, byte_count_call_;
  int parse_call(const String& arg, CountCall& cc, ErrorHandler* errh);
  int write_call(const String& arg, CountCall& cc, ErrorHandler* errh);
};

CLICK_ENDDECLS
#endif
