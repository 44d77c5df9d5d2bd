// Idle. See idle.hh.
#include "idle.hh"
CLICK_DECLS
EXPORT_ELEMENT(Idle)
CLICK_ENDDECLS
