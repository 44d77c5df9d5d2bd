// MixedQueue. See mixedqueue.hh.
#include "mixedqueue.hh"
#include <cstring>
CLICK_DECLS
void* MixedQueue::cast(const char* n) {
  if (strcmp(n, "MixedQueue") == 0 || strcmp(n, "Queue") == 0 || strcmp(n, "NotifierQueue") == 0) return static_cast<Element*>(this);
  return SimpleQueue::cast(n);
}

void MixedQueue::push(int port, Packet* p) {
  if (port == 0) { SimpleQueue::push(0, p); return; }
  if (capacity_ == 0) { ++drops_; checked_output_push(1, p); return; }
  if (next(tail_) == head_) {   // full: drop the tail packet for the new head
    tail_ = tail_ == 0 ? uint32_t(ring_.size() - 1) : tail_ - 1;
    Packet* old = ring_[tail_];
    ++drops_;
    checked_output_push(1, old);
  }
  bool was_empty = head_ == tail_;
  head_ = head_ == 0 ? uint32_t(ring_.size() - 1) : head_ - 1;
  ring_[head_] = p;
  if (was_empty) for (Task* t : listeners_) t->reschedule();
  if (size() > highwater_) highwater_ = size();
}
EXPORT_ELEMENT(MixedQueue)
CLICK_ENDDECLS
