// -*- c++ -*-
#ifndef NETSERV_DECIPTTL_HH
#define NETSERV_DECIPTTL_HH
#include <click/element.hh>
#include <arpa/inet.h>
CLICK_DECLS
/*
=c

DecIPTTL([I<keywords> ACTIVE, MULTICAST])

=s ip

decrements IP time-to-live, drops dead packets

=d

Expects IP packet as input. If the ttl is <= 1 (i.e., has expired), DecIPTTL
sends the packet to output 1 (or discards it if there is no output 1).
Otherwise it decrements the ttl, re-calculates the checksum incrementally
(RFC 1624), and sends the packet to output 0. Requires the IP header
annotation (CheckIPHeader or MarkIPHeader).

=k

=item ACTIVE

Boolean. If false, do not decrement any packets' TTLs. Defaults to true.

=item MULTICAST

Boolean. If false, do not decrement the TTLs for multicast packets. Defaults to true.

=h count read-only

Number of packets whose TTL was decremented.

=h drops read-only

Number of expired packets.

=h active read/write

The ACTIVE parameter.

=a ICMPError, CheckIPHeader
*/
class DecIPTTL : public Element {
 public:
  const char* class_name() const override { return "DecIPTTL"; }
  const char* port_count() const override { return PORTS_1_1X2; }
  const char* processing() const override { return PROCESSING_A_AH; }
  int configure(Vector<String>& conf, ErrorHandler* errh) override {
    return Args(conf, this, errh).read("ACTIVE", active_).read("MULTICAST", multicast_).complete();
  }
  void add_handlers() override;
  Packet* simple_action(Packet* p) override;
 private:
  bool active_ = true, multicast_ = true;
  uint64_t count_ = 0, drops_ = 0;
};
CLICK_ENDDECLS
#endif
