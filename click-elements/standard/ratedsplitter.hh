// -*- c++ -*-
#ifndef NETSERV_RATEDSPLITTER_HH
#define NETSERV_RATEDSPLITTER_HH
#include <click/element.hh>
#include "ratesettings.hh"
CLICK_DECLS
/*
=c

RatedSplitter(RATE, I<keywords> BURST_DURATION, BURST_SIZE)

=s shaping

splits flow of packets at specified rate

=d

Sends packets out output 0 at up to RATE packets per second; the rest go to
output 1 (dropped when it is absent). Uses a token bucket as RatedUnqueue does
(capacity RATE * BURST_DURATION, default 20 ms, or BURST_SIZE tokens), so
output 0 gets an initial burst and then an even rate.

=h rate read/write

The RATE. Writing keeps the burst settings.

=h config read-only

Same as rate.

=a RatedUnqueue, BandwidthRatedSplitter, Meter
*/
class RatedSplitter : public Element {
 public:
  const char* class_name() const override { return "RatedSplitter"; }
  const char* port_count() const override { return "1/1-2"; }
  const char* processing() const override { return PUSH; }
  int configure(Vector<String>& conf, ErrorHandler* errh) override;
  void add_handlers() override;
  void push(int, Packet* p) override;
 protected:
  virtual bool is_bandwidth() const { return false; }
  TokenBucket bucket_;
 private:
  RateSettings settings_{false};
};
CLICK_ENDDECLS
#endif
