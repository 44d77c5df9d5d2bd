// PrioSched. See priosched.hh.
#include "priosched.hh"
#include <click/args.hh>
#include <click/confparse.hh>
CLICK_DECLS

EXPORT_ELEMENT(PrioSched)
CLICK_ENDDECLS
