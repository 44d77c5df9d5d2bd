// RadixIPLookup. See radixiplookup.hh.
#include "radixiplookup.hh"
#include <click/args.hh>
#include <click/confparse.hh>
#include <click/router.hh>
CLICK_DECLS

EXPORT_ELEMENT(RadixIPLookup)
CLICK_ENDDECLS
