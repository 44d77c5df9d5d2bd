// SetIPAddress. See setipaddress.hh.
#include "setipaddress.hh"
#include <click/args.hh>
#include <click/confparse.hh>
#include <click/router.hh>
CLICK_DECLS

EXPORT_ELEMENT(SetIPAddress)
CLICK_ENDDECLS
