// DelayUnqueue. See delayunqueue.hh.
#include "delayunqueue.hh"
#include <click/args.hh>
#include <click/confparse.hh>
#include <click/packet.hh>
CLICK_DECLS

int DelayUnqueue::configure(Vector<String>& conf, ErrorHandler* errh) {
  Timestamp delay;
  if (Args(conf, this, errh).read_mp("DELAY", TimestampArg(), delay).complete() < 0) return -EINVAL;
  delay_ = delay;
  return 0;
}

int DelayUnqueue::initialize(ErrorHandler*) {
  task_.initialize(this, true);
  timer_.initialize(this);
  if ((upstream_ = upstream_notifier(this, 0))) upstream_->add_listener(&task_);
  return 0;
}

void DelayUnqueue::cleanup(CleanupStage) {
  if (held_) held_->kill();
  held_ = nullptr;
}

bool DelayUnqueue::run_task(Task*) {
  bool worked = false;
  while (true) {
    if (!held_ && (held_ = input(0).pull())) {
      Timestamp& ts = held_->timestamp_anno();
      if (!ts.sec()) ts = Timestamp::now();
      ts += delay_;
    }
    if (!held_) break;
    Timestamp now = Timestamp::now();
    if (held_->timestamp_anno() > now) {
      // wait on the timer (steady clock), so --simtime can move on
      task_.unschedule();
      timer_.schedule_at(Timestamp::now_steady() + (held_->timestamp_anno() - now));
      return worked;
    }
    Packet* p = held_;
    held_ = nullptr;
    p->timestamp_anno() = now;
    output(0).push(p);
    worked = true;
  }
  if (upstream_ && !upstream_->notifier_active()) task_.unschedule();   // the queue's next push wakes us
  return worked;
}

void DelayUnqueue::add_handlers() {
  add_read_handler("delay", [this]() { return delay_.unparse_interval(); });
  add_write_handler("delay", [this](const String& s, ErrorHandler* errh) -> int {
    Timestamp t;
    if (!TimestampArg().parse(cp_uncomment(s), t, ArgContext(this, errh))) return errh->error("delay: expected a time");
    delay_ = t;
    return 0;
  });
  add_task_handlers(&task_);
}

EXPORT_ELEMENT(DelayUnqueue)
CLICK_ENDDECLS
