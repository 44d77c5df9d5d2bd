// -*- c++ -*-
#ifndef NETSERV_BWRATEDSPLITTER_HH
#define NETSERV_BWRATEDSPLITTER_HH
#include "ratedsplitter.hh"
CLICK_DECLS
/*
=c

BandwidthRatedSplitter(RATE, I<keywords> BURST_DURATION, BURST_BYTES)

=s shaping

splits flow of packets at specified bandwidth rate

=d

Sends packets out output 0 at up to RATE (a bandwidth, "200Bps"; bare numbers
are bytes per second); the rest go to output 1 (dropped when absent). Tokens
are bytes: a packet goes to output 0 while the bucket holds 131072 bytes' worth
and costs its length (see BandwidthRatedUnqueue).

=h rate read/write

The RATE ("NBps").

=h config read-only

Same as rate.

=a RatedSplitter, BandwidthRatedUnqueue, BandwidthMeter
*/
class BandwidthRatedSplitter : public RatedSplitter {
 public:
  const char* class_name() const override { return "BandwidthRatedSplitter"; }
  void push(int, Packet* p) override;
 protected:
  bool is_bandwidth() const override { return true; }
};
CLICK_ENDDECLS
#endif
