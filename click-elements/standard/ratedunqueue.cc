// RatedUnqueue. See ratedunqueue.hh.
#include "ratedunqueue.hh"
#include <click/args.hh>
#include <click/confparse.hh>
#include <click/router.hh>
#include <climits>
CLICK_DECLS

RatedUnqueue::RatedUnqueue() : task_(this), wake_timer_([this](Timer*) { task_.reschedule(); }) {}

int RatedUnqueue::configure(Vector<String>& conf, ErrorHandler* errh) {
  RateSettings settings(is_bandwidth());
  bool active = true;
  Args args(conf, this, errh);
  settings.read(args);
  if (args.read("ACTIVE", active).complete() < 0 || settings.check(errh) < 0) return -EINVAL;
  settings_ = settings;
  active_ = active;
  settings_.apply(bucket_);
  return 0;
}

int RatedUnqueue::initialize(ErrorHandler*) {
  task_.initialize(this, true);
  wake_timer_.initialize(this);
  if ((upstream_ = upstream_notifier(this, 0))) upstream_->add_listener(&task_);
  return 0;
}

bool RatedUnqueue::run_task(Task*) {
  ++runs_;
  if (!active_) { task_.unschedule(); return false; }
  bucket_.refill();
  if (!bucket_.contains(tokens_needed())) {
    // sleep until the bucket has enough; the timer wakes the task
    task_.unschedule();
    wake_timer_.schedule_after(Timestamp::make_msec(int64_t(bucket_.time_until_contains(tokens_needed()))));
    ++empty_runs_;
    return false;
  }
  if (Packet* p = input(0).pull()) {
    bucket_.remove(tokens_spent(p));
    ++pushes_;
    output(0).push(p);
    return true;
  }
  ++failed_pulls_;
  ++empty_runs_;
  if (upstream_ && !upstream_->notifier_active()) task_.unschedule();   // the queue's push wakes us
  return false;
}

void RatedUnqueue::add_handlers() {
  add_read_handler("rate", [this]() { return settings_.unparse_rate(bucket_); });
  add_read_handler("config", [this]() { return settings_.unparse_rate(bucket_); }, Handler::f_calm);
  add_write_handler("rate", [this](const String& s, ErrorHandler* errh) -> int {
    if (!settings_.parse_rate(cp_uncomment(s), settings_.rate, ArgContext(this, errh)))
      return errh->error("rate: expected %s", is_bandwidth() ? "bandwidth" : "unsigned integer");
    settings_.apply(bucket_);
    return 0;
  });
  add_read_handler("active", [this]() { return String(active_ ? "true" : "false"); }, Handler::f_checkbox);
  add_write_handler("active", [this](const String& s, ErrorHandler* errh) -> int {
    bool b;
    if (!cp_bool(cp_uncomment(s), &b)) return errh->error("active: expected boolean");
    active_ = b;
    if (b) task_.reschedule();
    return 0;
  }, Handler::f_checkbox);
  add_read_handler("calls", [this]() {
    return std::to_string(runs_) + " calls to run_task()\n" + std::to_string(empty_runs_) + " empty runs\n" +
           std::to_string(pushes_) + " pushes\n" + std::to_string(failed_pulls_) + " failed pulls\n";
  });
  add_task_handlers(&task_);
}

EXPORT_ELEMENT(RatedUnqueue)
CLICK_ENDDECLS
