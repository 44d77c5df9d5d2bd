// -*- c++ -*-
#ifndef NETSERV_SETTIMESTAMPDELTA_HH
#define NETSERV_SETTIMESTAMPDELTA_HH
#include <click/element.hh>
CLICK_DECLS
/*
=c

SetTimestampDelta([I<keyword> TYPE])

=s timestamps

replaces packet timestamps with deltas

=d

TYPE RANGE (the default): each nonzero timestamp annotation becomes its
difference from the first nonzero timestamp seen. TYPE NOW: the time since the
timestamp (now - timestamp). Zero timestamps are left alone. (Click's TYPE
FIRST, relative to a first-timestamp annotation netserv-click packets do not
have, is not supported.)

=h first read-only

The first timestamp seen (RANGE).

=h reset write-only

Forgets the first timestamp.

=a SetTimestamp, AdjustTimestamp
*/
class SetTimestampDelta : public Element {
 public:
  const char* class_name() const override { return "SetTimestampDelta"; }
  const char* port_count() const override { return PORTS_1_1; }
  int configure(Vector<String>& conf, ErrorHandler* errh) override;
  void add_handlers() override;
  Packet* simple_action(Packet* p) override;
 private:
  bool since_now_ = false;   // TYPE NOW
  Timestamp first_;
};
CLICK_ENDDECLS
#endif
