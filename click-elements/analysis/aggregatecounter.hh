// -*- c++ -*-
#ifndef NETSERV_AGGREGATECOUNTER_HH
#define NETSERV_AGGREGATECOUNTER_HH
#include <click/element.hh>
#include <map>
CLICK_DECLS
/*
=c

AggregateCounter([I<keywords> BYTES, IP_BYTES, MULTIPACKET, ACTIVE, BANNER])

=s aggregates

counts packets per aggregate annotation

=d

Counts the packets (or, with BYTES true, their bytes, including the extra
length annotation; with IP_BYTES true, their IP length) seen for each value
of the aggregate annotation, as set by FromIPSummaryDump's C<aggregate>
field or AggregateIPFlows. With MULTIPACKET true (the default) a packet
counts as 1 + its extra-packets annotation. Packets pass through unchanged;
nothing is counted while ACTIVE is false. Input 1, if used, counts the same
way (Click's frozen input is not distinguished).

=h write_text_file write-only

Writes the counts to the named file ("-" is standard output): header lines
starting with "!" (BANNER, if set, then "!IPAggregate 1.0" and
"!num_nonzero N"), then one "AGGREGATE COUNT" line per nonzero aggregate in
increasing order.

=h write_ascii_file write-only

Same as write_text_file.

=h clear write-only

Forgets every count.

=h active read/write

ACTIVE.

=h nagg read-only

Aggregates with a nonzero count.

=a FromIPSummaryDump, AggregateIPFlows
*/
class AggregateCounter : public Element {
 public:
  const char* class_name() const override { return "AggregateCounter"; }
  const char* port_count() const override { return "1-2/1-2"; }
  const char* flow_code() const override { return "#/#"; }
  int configure(Vector<String>& conf, ErrorHandler* errh) override;
  void add_handlers() override;
  void push(int port, Packet* p) override;
  Packet* pull(int port) override;
 private:
  bool bytes_ = false, ip_bytes_ = false, multipacket_ = true, active_ = true;
  String banner_;
  std::map<uint32_t, uint64_t> counts_;
  void count(const Packet* p);
  int write_file(const String& filename, ErrorHandler* errh) const;
};
CLICK_ENDDECLS
#endif
