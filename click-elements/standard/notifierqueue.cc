// NotifierQueue. See notifierqueue.hh.
#include "notifierqueue.hh"
#include <cstring>
CLICK_DECLS
void* NotifierQueue::cast(const char* n) {
  if (strcmp(n, "NotifierQueue") == 0 || strcmp(n, "Queue") == 0 || strcmp(n, "NotifierQueue") == 0) return static_cast<Element*>(this);
  return SimpleQueue::cast(n);
}
EXPORT_ELEMENT(NotifierQueue)
CLICK_ENDDECLS
