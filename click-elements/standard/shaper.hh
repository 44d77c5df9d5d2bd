// -*- c++ -*-
#ifndef NETSERV_SHAPER_HH
#define NETSERV_SHAPER_HH
#include <click/element.hh>
#include <click/gaprate.hh>
CLICK_DECLS
/*
=c

Shaper(RATE)

=s shaping

shapes traffic to maximum rate (pkt/s)

=d

Pull element: a pull on output 0 returns a packet from the input only when
that keeps the rate at most RATE packets per second, spread evenly over each
second (Click's GapRate); otherwise nothing. A pull on output 1, if
connected, returns a packet only when output 0 would not -- the packets not
shaped. Rate 0 lets about one packet through.

=h rate read/write

RATE. Writing a new rate keeps the count of the current second.

=h config read-only

Same as rate.

=h reset write-only

Starts the rate measurement over.

=a BandwidthShaper, RatedUnqueue, DelayShaper
*/
class Shaper : public Element {
 public:
  const char* class_name() const override { return "Shaper"; }
  const char* port_count() const override { return "1/1-2"; }
  const char* processing() const override { return PULL; }
  int configure(Vector<String>& conf, ErrorHandler* errh) override;
  void add_handlers() override;
  Packet* pull(int port) override;
 private:
  GapRate rate_;
};
CLICK_ENDDECLS
#endif
