// PushNull and PullNull. See pushnull.hh.
#include "pushnull.hh"
CLICK_DECLS
EXPORT_ELEMENT(PushNull)
EXPORT_ELEMENT(PullNull)
CLICK_ENDDECLS
