// TimedSink. See timedsink.hh.
#include "timedsink.hh"
#include <click/args.hh>
#include <click/confparse.hh>
#include <click/packet.hh>
CLICK_DECLS

int TimedSink::configure(Vector<String>& conf, ErrorHandler* errh) {
  Timestamp interval = interval_;
  if (Args(conf, this, errh).read_p("INTERVAL", TimestampArg(), interval).complete() < 0) return -EINVAL;
  interval_ = interval;
  return 0;
}

int TimedSink::initialize(ErrorHandler*) {
  timer_.initialize(this);
  timer_.schedule_after(interval_);
  return 0;
}

void TimedSink::run_timer(Timer*) {
  if (Packet* p = input(0).pull()) p->kill();
  timer_.reschedule_after(interval_);
}

void TimedSink::add_handlers() {
  add_read_handler("interval", [this]() { return interval_.unparse_interval(); });
  add_write_handler("interval", [this](const String& s, ErrorHandler* errh) -> int {
    Timestamp t;
    if (!TimestampArg().parse(cp_uncomment(s), t, ArgContext(this, errh))) return errh->error("interval: expected a time");
    interval_ = t;
    return 0;
  });
}

EXPORT_ELEMENT(TimedSink)
CLICK_ENDDECLS
