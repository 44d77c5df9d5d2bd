// BandwidthRatedUnqueue. See bwratedunqueue.hh.
#include "bwratedunqueue.hh"
CLICK_DECLS
EXPORT_ELEMENT(BandwidthRatedUnqueue)
CLICK_ENDDECLS
