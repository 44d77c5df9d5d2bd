// GetIPAddress. See getipaddress.hh.
#include "getipaddress.hh"
#include <click/args.hh>
#include <click/confparse.hh>
#include <click/router.hh>
CLICK_DECLS

EXPORT_ELEMENT(GetIPAddress)
CLICK_ENDDECLS
