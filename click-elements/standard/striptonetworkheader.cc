// StripToNetworkHeader. See striptonetworkheader.hh.
#include "striptonetworkheader.hh"
#include <click/args.hh>
#include <click/confparse.hh>
#include <click/checksum.hh>
#include <clicknet/ip.h>
#include <cstring>
CLICK_DECLS

EXPORT_ELEMENT(StripToNetworkHeader)
CLICK_ENDDECLS
