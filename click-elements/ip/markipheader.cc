// MarkIPHeader. See markipheader.hh.
#include "markipheader.hh"
#include <click/args.hh>
#include <click/confparse.hh>
#include <click/router.hh>
CLICK_DECLS

EXPORT_ELEMENT(MarkIPHeader)
CLICK_ENDDECLS
