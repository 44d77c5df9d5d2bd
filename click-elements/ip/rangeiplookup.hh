// -*- c++ -*-
#ifndef NETSERV_RANGEIPLOOKUP_HH
#define NETSERV_RANGEIPLOOKUP_HH
#include "radixiplookup.hh"
CLICK_DECLS
/*
=c

RangeIPLookup(ADDR1/MASK1 [GW1] OUT1, ADDR2/MASK2 [GW2] OUT2, ...)

=s iproute

IP routing lookup through a dynamic table

=d

Click's RangeIPLookup keeps its routes in a table of address ranges searched by binary search,
trading memory for lookup speed. netserv-click gives it the same behaviour
as RadixIPLookup -- arguments, longest-prefix match, the same handlers (table,
lookup, add, set, remove, ctrl, flush) and messages -- on RadixIPLookup's trie,
so configurations written for it run unchanged.

=a RadixIPLookup, LinearIPLookup, StaticIPLookup
*/
class RangeIPLookup : public RadixIPLookup {
 public:
  const char* class_name() const override { return "RangeIPLookup"; }
  void* cast(const char* n) override { return strcmp(n, "RangeIPLookup") == 0 ? this : RadixIPLookup::cast(n); }
};
CLICK_ENDDECLS
#endif
