// RoundRobinSched. See rrsched.hh.
#include "rrsched.hh"
#include <click/args.hh>
#include <click/confparse.hh>
CLICK_DECLS
Packet* RoundRobinSched::pull(int) {
  int n = ninputs();
  for (int k = 0; k < n; ++k) {
    int i = (next_ + k) % n;
    if (Packet* p = input(i).pull()) { next_ = (i + 1) % n; return p; }
  }
  return nullptr;
}
EXPORT_ELEMENT(RoundRobinSched)
CLICK_ENDDECLS
