// FrontDropQueue. See frontdropqueue.hh.
#include "frontdropqueue.hh"
#include <cstring>
CLICK_DECLS
void* FrontDropQueue::cast(const char* n) {
  if (strcmp(n, "FrontDropQueue") == 0 || strcmp(n, "Queue") == 0 || strcmp(n, "NotifierQueue") == 0) return static_cast<Element*>(this);
  return SimpleQueue::cast(n);
}

void FrontDropQueue::push(int port, Packet* p) {
  if (capacity_ > 0 && next(tail_) == head_) {   // full: the oldest goes
    Packet* old = ring_[head_];
    head_ = next(head_);
    ++drops_;
    checked_output_push(1, old);
  }
  SimpleQueue::push(port, p);
}
EXPORT_ELEMENT(FrontDropQueue)
CLICK_ENDDECLS
