// DelayShaper. See delayshaper.hh.
#include "delayshaper.hh"
#include <click/args.hh>
#include <click/confparse.hh>
#include <click/packet.hh>
#include <click/task.hh>
#include <cstring>
CLICK_DECLS

void* DelayShaper::cast(const char* n) {
  if (strcmp(n, "EmptyNotifier") == 0) return static_cast<EmptyNotifier*>(this);
  return Element::cast(n);
}

int DelayShaper::configure(Vector<String>& conf, ErrorHandler* errh) {
  Timestamp delay;
  if (Args(conf, this, errh).read_mp("DELAY", TimestampArg(), delay).complete() < 0) return -EINVAL;
  delay_ = delay;
  return 0;
}

int DelayShaper::initialize(ErrorHandler*) {
  timer_.initialize(this);
  upstream_ = upstream_notifier(this, 0);
  return 0;
}

void DelayShaper::add_listener(Task* t) {
  listeners_.push_back(t);
  if (EmptyNotifier* up = upstream_notifier(this, 0)) up->add_listener(t);
}

void DelayShaper::cleanup(CleanupStage) {
  if (held_) held_->kill();
  held_ = nullptr;
}

void DelayShaper::wake() {
  if (awake_) return;
  awake_ = true;
  for (Task* t : listeners_) t->reschedule();
}

Packet* DelayShaper::pull(int) {
  if (!held_ && (held_ = input(0).pull())) {
    Timestamp& ts = held_->timestamp_anno();
    if (!ts.sec()) ts = Timestamp::now();
    ts += delay_;
  }
  if (held_) {
    Timestamp now = Timestamp::now();
    if (held_->timestamp_anno() <= now) {
      Packet* p = held_;
      held_ = nullptr;
      p->timestamp_anno() = now;
      awake_ = true;
      return p;
    }
    // Click polls for waits under 100 ms; a timer is exact here and lets
    // simulated time (--simtime) move on while we wait
    timer_.schedule_at(Timestamp::now_steady() + (held_->timestamp_anno() - now));
    sleep();
  } else if (upstream_ && !upstream_->notifier_active())
    sleep();
  return nullptr;
}

void DelayShaper::run_timer(Timer*) { wake(); }

void DelayShaper::add_handlers() {
  add_read_handler("delay", [this]() { return delay_.unparse_interval(); });
  add_write_handler("delay", [this](const String& s, ErrorHandler* errh) -> int {
    Timestamp t;
    if (!TimestampArg().parse(cp_uncomment(s), t, ArgContext(this, errh))) return errh->error("delay: expected a time");
    delay_ = t;
    return 0;
  });
}

EXPORT_ELEMENT(DelayShaper)
CLICK_ENDDECLS
