// DirectIPLookup. See directiplookup.hh.
#include "directiplookup.hh"
CLICK_DECLS
EXPORT_ELEMENT(DirectIPLookup)
CLICK_ENDDECLS
