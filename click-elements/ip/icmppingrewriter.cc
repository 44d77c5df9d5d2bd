// ICMPPingRewriter: the rewriter core (iprewriterbase.cc) keyed by echo identifier.
#include "icmppingrewriter.hh"
CLICK_DECLS
EXPORT_ELEMENT(ICMPPingRewriter)
CLICK_ENDDECLS
