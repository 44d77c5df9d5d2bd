// IPAddrRewriter: the rewriter core (iprewriterbase.cc) with its own flow key.
#include "ipaddrrewriter.hh"
CLICK_DECLS
EXPORT_ELEMENT(IPAddrRewriter)
CLICK_ENDDECLS
