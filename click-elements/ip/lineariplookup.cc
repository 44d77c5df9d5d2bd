// LinearIPLookup. See lineariplookup.hh.
#include "lineariplookup.hh"
#include <click/args.hh>
#include <click/confparse.hh>
#include <click/router.hh>
CLICK_DECLS

EXPORT_ELEMENT(LinearIPLookup)
CLICK_ENDDECLS
