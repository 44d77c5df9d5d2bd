// -*- c++ -*-
#ifndef NETSERV_SETIPDSCP_HH
#define NETSERV_SETIPDSCP_HH
#include <click/element.hh>
#include <arpa/inet.h>
CLICK_DECLS
/*
=c

SetIPDSCP(DSCP)

=s ip

sets IP packets' DSCP fields

=d

Expects IP packets as input and sets their Differential Services Code Point
to DSCP (0-63, the upper six bits of the TOS byte; the ECN bits are kept).
Then it incrementally recalculates the IP checksum and passes the packet to
output 0. Requires the IP header annotation.

=h dscp read/write

Returns or sets the DSCP parameter.

=a SetIPECN
*/
class SetIPDSCP : public Element {
 public:
  const char* class_name() const override { return "SetIPDSCP"; }
  const char* port_count() const override { return PORTS_1_1; }
  int configure(Vector<String>& conf, ErrorHandler* errh) override;
  bool can_live_reconfigure() const override { return true; }
  void add_handlers() override;
  Packet* simple_action(Packet* p) override;
 private:
  uint8_t dscp_ = 0;  // already shifted into TOS position
};
CLICK_ENDDECLS
#endif
