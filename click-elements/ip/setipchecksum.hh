// -*- c++ -*-
#ifndef NETSERV_SETIPCHECKSUM_HH
#define NETSERV_SETIPCHECKSUM_HH
#include <click/element.hh>
#include <click/checksum.hh>
#include <arpa/inet.h>
#include <cstring>
CLICK_DECLS
/*
=c

SetIPChecksum

=s ip

sets IP packets' checksums

=d

Expects an IP packet as input. Calculates the IP header's checksum and sets
the checksum header field. Uses the IP header annotation if set, else
assumes the IP header starts at the packet data. Packets too short to hold
their IP header are dropped.

=a CheckIPHeader, SetUDPChecksum, SetTCPChecksum
*/
class SetIPChecksum : public Element {
 public:
  const char* class_name() const override { return "SetIPChecksum"; }
  const char* port_count() const override { return PORTS_1_1; }
  Packet* simple_action(Packet* p) override;
  void add_handlers() override { add_data_handlers("drops", Handler::f_read, &drops_); }
 private:
  uint64_t drops_ = 0;
};
CLICK_ENDDECLS
#endif
