// -*- c++ -*-
#ifndef NETSERV_RADIXIPLOOKUP_HH
#define NETSERV_RADIXIPLOOKUP_HH
#include <click/element.hh>
#include "iproutetable.hh"
#include "linearroutes.hh"
#include "radixtrie.hh"
#include <cstring>
#include <arpa/inet.h>
CLICK_DECLS
/*
=c

RadixIPLookup(ADDR1/MASK1 [GW1] OUT1, ADDR2/MASK2 [GW2] OUT2, ...)

=s iproute

IP routing lookup with a dynamic table

=d

Expects a destination IP address annotation with each packet. Looks up that
address in its routing table, using longest-prefix-match, sets the
destination annotation to the corresponding GW (if specified), and emits the
packet on the indicated OUTput port. Packets with no route are dropped (the
first few with a message).

Each argument is a route, "ADDR/MASK [GW] OUT". Routes can be added and removed at run time; lookups walk a binary trie
(at most 32 steps, longest prefix wins). Masks must be prefixes.

=h table read-only

Outputs a human-readable version of the current routing table, one route per
line: "ADDR/MASK<tab>GW<tab>OUT" (GW is "-" if absent).

=h lookup read-only

Reports the OUTput port and GW corresponding to an address parameter.

=h add write-only

Adds a route "ADDR/MASK [GW] OUT". Fails if a route for ADDR/MASK exists.

=h set write-only

Sets a route, replacing any existing route for ADDR/MASK.

=h remove write-only

Removes the route "ADDR/MASK [GW] [OUT]".

=h ctrl write-only

"add ROUTE", "set ROUTE" or "remove ROUTE".

=h flush write-only

Removes all routes.

=a LinearIPLookup, StaticIPLookup
*/
class RadixIPLookup : public IPRouteTable {
 public:
  const char* class_name() const override { return "RadixIPLookup"; }
  void* cast(const char* n) override { return (strcmp(n, "IPRouteTable") == 0 || strcmp(n, "RadixIPLookup") == 0) ? this : nullptr; }
  int lookup_route(IPAddress dst, IPAddress& gw) const override { return t_.lookup(dst, gw); }
  int add_route(const IPRoute& r, bool replace, IPRoute*, ErrorHandler* errh) override { return t_.add(r, replace, errh); }
  int remove_route(const IPRoute& r, IPRoute*, ErrorHandler* errh) override { return t_.remove(r, errh); }
  String dump_routes() const override { return t_.dump(); }
  void flush_routes() override { t_.clear(); }
  bool mutable_table() const override { return true; }
 private:
  RadixTrie t_;
};
CLICK_ENDDECLS
#endif
