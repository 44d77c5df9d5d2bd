// IPAddrPairRewriter: the rewriter core (iprewriterbase.cc) with its own flow key.
#include "ipaddrpairrewriter.hh"
CLICK_DECLS
EXPORT_ELEMENT(IPAddrPairRewriter)
CLICK_ENDDECLS
