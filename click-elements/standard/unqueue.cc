// Unqueue. See unqueue.hh.
#include "unqueue.hh"
#include <click/args.hh>
#include <click/confparse.hh>
#include <click/router.hh>
CLICK_DECLS
int Unqueue::configure(Vector<String>& conf, ErrorHandler* errh) {
  int burst = 1;
  bool active = true;
  int64_t limit = -1;
  if (Args(conf, this, errh).read_p("BURST", burst).read("ACTIVE", active).read("LIMIT", limit).complete() < 0) return -EINVAL;
  burst_ = burst <= 0 ? 0x7FFFFFFF : burst;
  active_ = active;
  limit_ = limit;
  return 0;
}
int Unqueue::initialize(ErrorHandler*) {
  task_.initialize(this, active_);
  if ((notifier_ = upstream_notifier(this, 0))) notifier_->add_listener(&task_);
  return 0;
}
bool Unqueue::run_task(Task*) {
  if (!active_) { task_.unschedule(); return false; }
  int n = 0;
  while (n < burst_) {
    if (limit_ >= 0 && count_ >= uint64_t(limit_)) { task_.unschedule(); break; }
    Packet* p = input(0).pull();
    if (!p) break;
    ++count_;
    ++n;
    output(0).push(p);
  }
  if (n == 0 && notifier_ && !notifier_->notifier_active()) task_.unschedule();  // woken by the next push
  return n > 0;
}
void Unqueue::add_handlers() {
  add_data_handlers("count", Handler::f_read, &count_);
  add_write_handler("reset", [this](const String&, ErrorHandler*) { count_ = 0; return 0; }, Handler::f_button);
  add_data_handlers("active", Handler::f_read, &active_);
  add_write_handler("active", [this](const String& s, ErrorHandler* errh) -> int {
    bool b;
    if (!cp_bool(cp_uncomment(s), &b)) return errh->error("expected boolean");
    active_ = b;
    if (b) task_.reschedule(); else task_.unschedule();
    return 0;
  });
  add_data_handlers("burst", Handler::f_read, &burst_);
  add_write_handler("burst", [this](const String& s, ErrorHandler* errh) -> int {
    int b;
    if (!IntArg().parse(cp_uncomment(s), b, ArgContext(this, errh))) return errh->error("expected integer");
    burst_ = b <= 0 ? 0x7FFFFFFF : b;
    return 0;
  });
  add_task_handlers(&task_);
}
EXPORT_ELEMENT(Unqueue)
CLICK_ENDDECLS
