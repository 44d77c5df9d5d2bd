// StaticIPLookup. See staticiplookup.hh.
#include "staticiplookup.hh"
#include <click/args.hh>
#include <click/confparse.hh>
#include <click/router.hh>
CLICK_DECLS

EXPORT_ELEMENT(StaticIPLookup)
CLICK_ENDDECLS
