// BandwidthRatedSplitter. See bwratedsplitter.hh.
#include "bwratedsplitter.hh"
CLICK_DECLS

void BandwidthRatedSplitter::push(int, Packet* p) {
  bucket_.refill();
  if (bucket_.contains(RateSettings::bandwidth_threshold)) {
    bucket_.remove(p->length());
    output(0).push(p);
  } else
    checked_output_push(1, p);
}

EXPORT_ELEMENT(BandwidthRatedSplitter)
CLICK_ENDDECLS
