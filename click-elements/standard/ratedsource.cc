// RatedSource. See ratedsource.hh.
#include "ratedsource.hh"
#include <click/confparse.hh>
CLICK_DECLS

int RatedSource::configure(Vector<String>& conf, ErrorHandler* errh) {
  Settings s;
  uint32_t rate = 10;
  Args args(conf, this, errh);
  args.read_p("DATA", s.data).read_p("RATE", rate).read_p("LIMIT", s.limit).read_p("ACTIVE", s.active);
  if (read_keywords(args, s).read("BURST", s.burst).complete() < 0) return -EINVAL;
  if (apply(s, errh) < 0) return -EINVAL;
  rate_ = rate;
  return 0;
}

int RatedSource::initialize(ErrorHandler* errh) {
  if (initialize_end_call(errh) < 0) return -EINVAL;
  timer_.initialize(this);
  task_.initialize(this, false);
  if (active_) { start_ = Timestamp::now_steady(); timer_.schedule_now(); }
  return 0;
}

void RatedSource::resume_clock() {
  start_ = Timestamp::now_steady() - Timestamp::make_double(double(count_) / (rate_ ? rate_ : 1));
}

bool RatedSource::run_task(Task*) {
  // Emission runs from the timer; the task only reports the end, one run
  // after the last packet, so downstream tasks in the batch (an Unqueue
  // draining a Queue) still see it -- as Click's RatedSource stops on the
  // run after reaching LIMIT.
  task_.unschedule();
  if (limit_reached()) finished();
  return false;
}

void RatedSource::run_timer(Timer*) {
  if (!active_ || limit_reached() || rate_ == 0) return;
  // emit what is due since start at RATE packets/second
  Timestamp el = Timestamp::now_steady() - start_;
  // + 1e-6: the timer was set to the nanosecond-rounded time of packet N, so
  // el * rate may come out a hair below N; without the slack the timer would
  // re-arm for the same instant (simulated time never moves on then)
  uint64_t due = uint64_t(el.doubleval() * rate_ + 1e-6) + 1;
  if (output_is_push(0)) {
    int guard = 0;
    while (count_ < due && !limit_reached() && guard++ < 1024)
      if (!push_one()) break;
    if (limit_reached()) { task_.reschedule(); return; }
  }
  Timestamp next = start_ + Timestamp::make_double(double(count_) / rate_);
  timer_.schedule_at(next);
}

Packet* RatedSource::pull(int) {
  if (!active_ || limit_reached()) return nullptr;
  if (rate_ > 0) {
    if (!start_) start_ = Timestamp::now_steady();
    Timestamp el = Timestamp::now_steady() - start_;
    if (double(count_) >= el.doubleval() * rate_ + 1 + 1e-6) return nullptr;
  }
  return pull_one();
}

void RatedSource::add_handlers() {
  add_source_handlers();
  add_data_handlers("rate", Handler::f_read, &rate_);
  add_write_handler("rate", [this](const String& s, ErrorHandler* errh) -> int {
    uint32_t r;
    if (!IntArg().parse(cp_uncomment(s), r, ArgContext(this, errh))) return errh->error("rate: expected unsigned integer");
    rate_ = r;
    count_ = 0;
    start_ = Timestamp::now_steady();
    if (active_ && output_is_push(0)) timer_.schedule_now();
    return 0;
  });
  if (output_is_push(0)) add_task_handlers(&task_);
}

EXPORT_ELEMENT(RatedSource)
CLICK_ENDDECLS
