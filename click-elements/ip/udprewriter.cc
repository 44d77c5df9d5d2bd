// UDPRewriter: the rewriter core (iprewriterbase.cc) with its own flow key.
#include "udprewriter.hh"
CLICK_DECLS
EXPORT_ELEMENT(UDPRewriter)
CLICK_ENDDECLS
