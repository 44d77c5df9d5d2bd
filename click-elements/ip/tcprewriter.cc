// TCPRewriter: the rewriter core (iprewriterbase.cc) with its own flow key.
#include "tcprewriter.hh"
CLICK_DECLS
EXPORT_ELEMENT(TCPRewriter)
CLICK_ENDDECLS
