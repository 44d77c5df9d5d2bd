// IPRewriter: the rewriter core (iprewriterbase.cc) with its own flow key.
#include "iprewriter.hh"
CLICK_DECLS
EXPORT_ELEMENT(IPRewriter)
CLICK_ENDDECLS
