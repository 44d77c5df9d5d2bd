// InfiniteSource. See infinitesource.hh.
#include "infinitesource.hh"
#include <click/task.hh>
#include <cstring>
CLICK_DECLS

int InfiniteSource::configure(Vector<String>& conf, ErrorHandler* errh) {
  Settings s;
  Args args(conf, this, errh);
  args.read_p("DATA", s.data).read_p("LIMIT", s.limit).read_p("BURST", s.burst).read_p("ACTIVE", s.active);
  if (read_keywords(args, s).complete() < 0) return -EINVAL;
  return apply(s, errh);
}

int InfiniteSource::initialize(ErrorHandler* errh) {
  if (initialize_end_call(errh) < 0) return -EINVAL;
  if (output_is_push(0)) {
    task_.initialize(this, active_);
    if ((downstream_ = downstream_full_notifier(this, 0))) downstream_->add_full_listener(&task_);
  }
  return 0;
}

bool InfiniteSource::run_task(Task*) {
  if (!active_) return false;
  // as Click's nonfull signal: sleep until the queue has room (a pull wakes us)
  if (downstream_ && !downstream_->has_room()) { task_.unschedule(); return false; }
  int n = burst_;
  if (limit_ >= 0 && uint64_t(limit_) - count_ < uint64_t(n)) n = limit_reached() ? 0 : int(uint64_t(limit_) - count_);
  for (int i = 0; i < n; ++i)
    if (!push_one()) break;
  if (n > 0) return true;
  // As Click: the run after the limit was reached (n == 0) reports the end.
  task_.unschedule();
  if (limit_reached()) finished();
  return false;
}

void* InfiniteSource::cast(const char* n) {
  if (strcmp(n, "EmptyNotifier") == 0) return static_cast<EmptyNotifier*>(this);
  return Element::cast(n);
}

void InfiniteSource::rearm() {
  task_.reschedule();
  if (notifier_active()) for (Task* t : listeners_) t->reschedule();   // sleeping pullers
}

Packet* InfiniteSource::pull(int) {
  if (!active_ || limit_reached()) return nullptr;
  return pull_one();
}

void InfiniteSource::add_handlers() {
  add_source_handlers();
  if (output_is_push(0)) add_task_handlers(&task_);
}

EXPORT_ELEMENT(InfiniteSource)
CLICK_ENDDECLS
