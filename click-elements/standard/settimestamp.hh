// -*- c++ -*-
#ifndef NETSERV_SETTIMESTAMP_HH
#define NETSERV_SETTIMESTAMP_HH
#include <click/element.hh>
CLICK_DECLS
/*
=c
SetTimestamp([TIMESTAMP, I<keyword> FIRST])
=s timestamps
stores a time in the timestamp annotation
=d
Sets each packet's timestamp annotation to the current time, or to
TIMESTAMP (seconds since the epoch) when it is given.
=k
=item FIRST
Boolean. Accepted for compatibility (there is no separate first-timestamp annotation).
=a PrintTimestamp, SetTimestampDelta
*/
class SetTimestamp : public Element {
 public:
  const char* class_name() const override { return "SetTimestamp"; }
  const char* port_count() const override { return PORTS_1_1; }
  int configure(Vector<String>& conf, ErrorHandler* errh) override;
  Packet* simple_action(Packet* p) override {
    p->set_timestamp_anno(have_ts_ ? ts_ : Timestamp::now());
    return p;
  }
 private:
  Timestamp ts_;
  bool have_ts_ = false;
};
CLICK_ENDDECLS
#endif
