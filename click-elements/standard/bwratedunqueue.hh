// -*- c++ -*-
#ifndef NETSERV_BWRATEDUNQUEUE_HH
#define NETSERV_BWRATEDUNQUEUE_HH
#include "ratedunqueue.hh"
CLICK_DECLS
/*
=c

BandwidthRatedUnqueue(RATE, I<keywords> BURST_DURATION, BURST_BYTES, ACTIVE)

=s shaping

pull-to-push converter

=d

Pulls packets at the given RATE, a bandwidth ("200Bps", "1Mbps"; a bare number
is bytes per second), and pushes them out its single output. Tokens are bytes:
a packet is pulled while the bucket holds at least 131072 bytes' worth (Click's
threshold, so any packet fits) and costs its length. The bucket's capacity is
RATE * BURST_DURATION (default 20 ms) or BURST_BYTES, plus that threshold.

=h rate read/write

The RATE in bytes per second ("NBps").

=h config, active, calls

As for RatedUnqueue.

=a RatedUnqueue, BandwidthShaper
*/
class BandwidthRatedUnqueue : public RatedUnqueue {
 public:
  const char* class_name() const override { return "BandwidthRatedUnqueue"; }
 protected:
  bool is_bandwidth() const override { return true; }
  uint32_t tokens_needed() const override { return bandwidth_threshold; }
  uint32_t tokens_spent(const Packet* p) const override { return p->length(); }
};
CLICK_ENDDECLS
#endif
