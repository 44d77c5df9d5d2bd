// Null. See null.hh.
#include "null.hh"
#include <click/args.hh>
#include <click/confparse.hh>
#include <click/router.hh>
CLICK_DECLS

EXPORT_ELEMENT(Null)
CLICK_ENDDECLS
