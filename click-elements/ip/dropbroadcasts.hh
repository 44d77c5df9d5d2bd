// -*- c++ -*-
#ifndef NETSERV_DROPBROADCASTS_HH
#define NETSERV_DROPBROADCASTS_HH
#include <click/element.hh>

CLICK_DECLS
/*
=c

DropBroadcasts

=s ip

drops link-level broadcast and multicast packets

=d

Drop packets that arrived as link-level broadcast or multicast (their packet
type annotation is BROADCAST or MULTICAST, as set by FromDevice or
HostEtherFilter). Used to implement the RFC 1812 requirement that a router
not forward link-level broadcasts.

=h drops read-only

Returns the number of packets dropped.

=a FromDevice, HostEtherFilter
*/
class DropBroadcasts : public Element {
 public:
  const char* class_name() const override { return "DropBroadcasts"; }
  const char* port_count() const override { return PORTS_1_1; }
  void add_handlers() override { add_data_handlers("drops", Handler::f_read, &drops_); }
  Packet* simple_action(Packet* p) override {
    if (p->packet_type_anno() == Packet::BROADCAST || p->packet_type_anno() == Packet::MULTICAST) {
      ++drops_;
      p->kill();
      return nullptr;
    }
    return p;
  }
 private:
  uint64_t drops_ = 0;
};
CLICK_ENDDECLS
#endif
