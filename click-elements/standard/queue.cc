// Queue. See queue.hh.
#include "queue.hh"
#include <cstring>
CLICK_DECLS
void* Queue::cast(const char* n) {
  if (strcmp(n, "Queue") == 0) return static_cast<Element*>(this);
  if (strcmp(n, "FullNotifier") == 0) return static_cast<FullNotifier*>(this);
  return SimpleQueue::cast(n);
}
EXPORT_ELEMENT(Queue)
CLICK_ENDDECLS
