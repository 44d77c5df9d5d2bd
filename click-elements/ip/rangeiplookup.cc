// RangeIPLookup. See rangeiplookup.hh.
#include "rangeiplookup.hh"
CLICK_DECLS
EXPORT_ELEMENT(RangeIPLookup)
CLICK_ENDDECLS
