// -*- c++ -*-
#ifndef NETSERV_ARPRESPONDER_HH
#define NETSERV_ARPRESPONDER_HH
#include <click/element.hh>
#include <click/ipaddress.hh>
#include <click/etheraddress.hh>
#include <arpa/inet.h>
#include <cstring>
CLICK_DECLS
/*
=c

ARPResponder(IP/MASK1 [IP/MASK...] ETH1, IP/MASK2 ETH2, ...)

=s arp

generates responses to ARP queries

=d

Input should be ARP request packets, including the Ethernet header.
Forwards an ARP reply if we know the answer -- that is, if one of the
IPPREFIX arguments matches the requested IP address, then it outputs an ARP
reply giving the corresponding ETH address. Could be used for proxy ARP as
well as producing replies for a host's own address. The longest matching
prefix wins. ARP requests that do not match go to output 1 if it exists;
other packets are dropped (or go to output 1).

The reply is 42 bytes: Ethernet header (destination = the requester's
hardware address, source = ETH, type ARP) and an ARP reply with sender =
(ETH, requested IP) and target = (requester hardware address, requester IP).

=e

  ARPResponder(18.26.4.24 00:00:C0:AE:67:EF,
               18.26.7.0/24 00:00:C0:4F:71:EF)

=h table read-only

Returns the current ARP table, one "IP/MASK ETH" per line.

=h lookup read-only, with parameter

Takes an IP address; returns the corresponding Ethernet address, if any.

=h add write-only

Adds an entry "IP/MASK ETH".

=h remove write-only

Removes the entries for "IP/MASK".

=a ARPQuerier, ARPFaker
*/
class ARPResponder : public Element {
 public:
  const char* class_name() const override { return "ARPResponder"; }
  const char* port_count() const override { return PORTS_1_1X2; }
  const char* processing() const override { return PROCESSING_A_AH; }
  int configure(Vector<String>& conf, ErrorHandler* errh) override;
  bool can_live_reconfigure() const override { return true; }
  void add_handlers() override;
  Packet* simple_action(Packet* p) override;
  static Packet* make_response(const unsigned char tha[6], const unsigned char tpa[4],
                               const unsigned char sha[6], const unsigned char spa[4], Packet* p = nullptr);
 private:
  struct Entry { IPAddress dst, mask; EtherAddress ena; };
  Vector<Entry> v_;
  int add(Vector<Entry>& v, const String& arg, ErrorHandler* errh);
  const EtherAddress* lookup(IPAddress a) const;
};
CLICK_ENDDECLS
#endif
