// -*- c++ -*-
#ifndef NETSERV_STATICIPLOOKUP_HH
#define NETSERV_STATICIPLOOKUP_HH
#include <click/element.hh>
#include "iproutetable.hh"
#include "linearroutes.hh"
#include <cstring>
#include <arpa/inet.h>
CLICK_DECLS
/*
=c

StaticIPLookup(ADDR1/MASK1 [GW1] OUT1, ADDR2/MASK2 [GW2] OUT2, ...)

=s iproute

IP routing lookup for a static table

=d

Expects a destination IP address annotation with each packet. Looks up that
address in its routing table, using longest-prefix-match, sets the
destination annotation to the corresponding GW (if specified), and emits the
packet on the indicated OUTput port. Packets with no route are dropped (the
first few with a message).

Each argument is a route, "ADDR/MASK [GW] OUT". The table cannot be changed after configuration.

=h table read-only

Outputs a human-readable version of the current routing table, one route per
line: "ADDR/MASK<tab>GW<tab>OUT" (GW is "-" if absent).

=h lookup read-only

Reports the OUTput port and GW corresponding to an address parameter.

=a LinearIPLookup, RadixIPLookup
*/
class StaticIPLookup : public IPRouteTable {
 public:
  const char* class_name() const override { return "StaticIPLookup"; }
  void* cast(const char* n) override { return (strcmp(n, "IPRouteTable") == 0 || strcmp(n, "StaticIPLookup") == 0) ? this : nullptr; }
  int lookup_route(IPAddress dst, IPAddress& gw) const override { return t_.lookup(dst, gw); }
  int add_route(const IPRoute& r, bool replace, IPRoute*, ErrorHandler* errh) override { return t_.add(r, replace, errh); }
  int remove_route(const IPRoute& r, IPRoute*, ErrorHandler* errh) override { return t_.remove(r, errh); }
  String dump_routes() const override { return t_.dump(); }
  void flush_routes() override { t_.routes.clear(); }
  bool mutable_table() const override { return false; }
 private:
  LinearRoutes t_;
};
CLICK_ENDDECLS
#endif
