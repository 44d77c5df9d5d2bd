// -*- c++ -*-
#ifndef NETSERV_ADJUSTTIMESTAMP_HH
#define NETSERV_ADJUSTTIMESTAMP_HH
#include <click/element.hh>
CLICK_DECLS
/*
=c

AdjustTimestamp([TIME, I<keywords> ALL])

=s timestamps

adjusts the timestamp annotation

=d

Adds TIME (a signed time: "-1", "+1.5", "10ms"; default 0) to each packet's
timestamp annotation. Packets whose timestamp is zero are left alone unless ALL
is true. (Click's FIRST keyword, for the first-timestamp annotation, is not
supported: netserv-click packets have no such annotation.)

=h time read/write

The TIME added.

=a SetTimestamp, SetTimestampDelta, TimeFilter
*/
class AdjustTimestamp : public Element {
 public:
  const char* class_name() const override { return "AdjustTimestamp"; }
  const char* port_count() const override { return PORTS_1_1; }
  int configure(Vector<String>& conf, ErrorHandler* errh) override;
  void add_handlers() override;
  Packet* simple_action(Packet* p) override;
 private:
  Timestamp delta_;
  bool all_ = false;
};
CLICK_ENDDECLS
#endif
