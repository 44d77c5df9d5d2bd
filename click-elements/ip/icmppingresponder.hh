// -*- c++ -*-
#ifndef NETSERV_ICMPPINGRESPONDER_HH
#define NETSERV_ICMPPINGRESPONDER_HH
#include <click/element.hh>
#include <click/checksum.hh>
#include <arpa/inet.h>
#include <cstring>
CLICK_DECLS
/*
=c

ICMPPingResponder

=s icmp

responds to ICMP echo requests

=d

Respond to ICMP echo requests. Incoming packets must have their IP header
annotations set. The corresponding reply is generated for any ICMP echo
request and emitted on output 0: source and destination addresses swapped,
fragment fields cleared, TTL 255, ICMP type echo-reply and code 0, checksums updated
incrementally (RFC 1624), paint annotation 0; the destination IP address
annotation is set to the new destination. Other packets go to output 1 if it
exists, else are dropped.

=a ICMPPingEncap, ICMPError
*/
class ICMPPingResponder : public Element {
 public:
  const char* class_name() const override { return "ICMPPingResponder"; }
  const char* port_count() const override { return PORTS_1_1X2; }
  const char* processing() const override { return PROCESSING_A_AH; }
  Packet* simple_action(Packet* p) override;
};
CLICK_ENDDECLS
#endif
