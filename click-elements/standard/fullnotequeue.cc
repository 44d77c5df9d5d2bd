// FullNoteQueue. See fullnotequeue.hh.
#include "fullnotequeue.hh"
#include <cstring>
CLICK_DECLS
void* FullNoteQueue::cast(const char* n) {
  if (strcmp(n, "FullNoteQueue") == 0 || strcmp(n, "Queue") == 0 || strcmp(n, "NotifierQueue") == 0) return static_cast<Element*>(this);
  if (strcmp(n, "FullNotifier") == 0) return static_cast<FullNotifier*>(this);
  return SimpleQueue::cast(n);
}
EXPORT_ELEMENT(FullNoteQueue)
CLICK_ENDDECLS
