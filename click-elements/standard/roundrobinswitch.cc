// RoundRobinSwitch. See roundrobinswitch.hh.
#include "roundrobinswitch.hh"
#include <click/args.hh>
#include <click/confparse.hh>
#include <click/router.hh>
CLICK_DECLS

EXPORT_ELEMENT(RoundRobinSwitch)
CLICK_ENDDECLS
