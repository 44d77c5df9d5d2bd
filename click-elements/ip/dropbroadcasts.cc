// DropBroadcasts. See dropbroadcasts.hh.
#include "dropbroadcasts.hh"
#include <click/args.hh>
#include <click/confparse.hh>
#include <click/router.hh>
CLICK_DECLS

EXPORT_ELEMENT(DropBroadcasts)
CLICK_ENDDECLS
