// Discard. See discard.hh.
#include "discard.hh"
#include <click/args.hh>
#include <click/confparse.hh>
CLICK_DECLS
int Discard::configure(Vector<String>& conf, ErrorHandler* errh) {
  return Args(conf, this, errh).read("ACTIVE", active_).complete();
}
int Discard::initialize(ErrorHandler*) {
  if (input_is_pull(0)) {
    // an upstream notifier already off: start asleep (Click's first task run
    // would find nothing and sleep before anything else could look)
    notifier_ = upstream_notifier(this, 0);
    task_.initialize(this, active_ && (!notifier_ || notifier_->notifier_active()));
    if (notifier_) notifier_->add_listener(&task_);
  }
  return 0;
}
bool Discard::run_task(Task*) {
  if (!active_) { task_.unschedule(); return false; }
  Packet* p = input(0).pull();
  if (!p) {
    if (notifier_ && !notifier_->notifier_active()) task_.unschedule();
    return false;
  }
  ++count_;
  p->kill();
  return true;
}
void Discard::add_handlers() {
  add_data_handlers("count", Handler::f_read, &count_);
  add_write_handler("reset_counts", [this](const String&, ErrorHandler*) { count_ = 0; return 0; }, Handler::f_button);
  add_data_handlers("active", Handler::f_read, &active_);
  add_write_handler("active", [this](const String& s, ErrorHandler* errh) -> int {
    bool b;
    if (!cp_bool(cp_uncomment(s), &b)) return errh->error("expected boolean");
    active_ = b;
    if (input_is_pull(0)) { if (b) task_.reschedule(); else task_.unschedule(); }
    return 0;
  });
  if (input_is_pull(0)) add_task_handlers(&task_);
}
EXPORT_ELEMENT(Discard)
CLICK_ENDDECLS
