// -*- c++ -*-
#ifndef NETSERV_DIRECTIPLOOKUP_HH
#define NETSERV_DIRECTIPLOOKUP_HH
#include "radixiplookup.hh"
CLICK_DECLS
/*
=c

DirectIPLookup(ADDR1/MASK1 [GW1] OUT1, ADDR2/MASK2 [GW2] OUT2, ...)

=s iproute

IP routing lookup through a dynamic table

=d

Click's DirectIPLookup keeps its routes in a flat table of /24 prefixes with a second level for longer ones (DIR-24-8),
trading memory for lookup speed. netserv-click gives it the same behaviour
as RadixIPLookup -- arguments, longest-prefix match, the same handlers (table,
lookup, add, set, remove, ctrl, flush) and messages -- on RadixIPLookup's trie,
so configurations written for it run unchanged.

=a RadixIPLookup, LinearIPLookup, StaticIPLookup
*/
class DirectIPLookup : public RadixIPLookup {
 public:
  const char* class_name() const override { return "DirectIPLookup"; }
  void* cast(const char* n) override { return strcmp(n, "DirectIPLookup") == 0 ? this : RadixIPLookup::cast(n); }
};
CLICK_ENDDECLS
#endif
