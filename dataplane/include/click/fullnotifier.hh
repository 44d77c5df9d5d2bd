// -*- c++ -*-
// Full notification (Click's downstream_full_signal): a storage element
// (Queue, FullNoteQueue) tells the push sources feeding it when it is full,
// so they sleep instead of producing packets that would only be dropped --
// and, under --simtime, the driver can go idle and move the clock on.
//
//   initialize:  if ((full_ = downstream_full_notifier(this, 0))) full_->add_full_listener(&task_);
//   run_task:    if (full_ && !full_->has_room()) { task_.unschedule(); return false; }   // woken by a pull
#ifndef NETSERV_CLICK_FULLNOTIFIER_HH
#define NETSERV_CLICK_FULLNOTIFIER_HH
#include <click/element.hh>
CLICK_DECLS
class Task;

class FullNotifier {
 public:
  virtual ~FullNotifier() = default;
  /** True while a pushed packet would be stored. */
  virtual bool has_room() const = 0;
  /** Reschedule `t` when the storage goes from full to not full. */
  virtual void add_full_listener(Task* t) = 0;
};

/** Walks downstream from output `port` through push elements with one
 *  output (Counter, Print, SetTimestamp, ...) to the first element that is a
 *  FullNotifier (cast("FullNotifier")); null if there is none. */
inline FullNotifier* downstream_full_notifier(const Element* e, int port) {
  const Element* cur = e;
  int p = port;
  for (int depth = 0; depth < 32; ++depth) {
    if (p >= cur->noutputs() || !cur->output_is_push(p)) return nullptr;
    Element* down = cur->output(p).element();
    if (!down) return nullptr;
    if (void* n = down->cast("FullNotifier")) return static_cast<FullNotifier*>(n);
    if (down->noutputs() != 1 || !down->output_is_push(0)) return nullptr;
    cur = down;
    p = 0;
  }
  return nullptr;
}
CLICK_ENDDECLS
#endif
