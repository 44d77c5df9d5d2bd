// TimedSource. See timedsource.hh.
#include "timedsource.hh"
#include <click/args.hh>
#include <click/confparse.hh>
#include <click/packet.hh>
#include <click/router.hh>
CLICK_DECLS

int TimedSource::configure(Vector<String>& conf, ErrorHandler* errh) {
  String data = "Random bullshit in a packet, at least 64 bytes long. Well, now it is.";
  Timestamp interval = interval_;
  int64_t limit = -1;
  bool active = true, stop = false;
  uint32_t headroom = headroom_;
  if (Args(conf, this, errh).read_p("INTERVAL", TimestampArg(), interval).read_p("DATA", data)
          .read("LIMIT", limit).read("ACTIVE", active).read("STOP", stop).read("HEADROOM", headroom).complete() < 0)
    return -EINVAL;
  interval_ = interval;
  data_ = data;
  limit_ = limit;
  active_ = active;
  stop_ = stop;
  headroom_ = headroom;
  return remake(errh);
}

int TimedSource::remake(ErrorHandler* errh) {
  Packet* p = Packet::make(headroom_, data_.data(), uint32_t(data_.size()), 0);
  if (!p) return errh->error("out of memory");
  if (packet_) packet_->kill();
  packet_ = p;
  return 0;
}

int TimedSource::initialize(ErrorHandler*) {
  timer_.initialize(this);
  if (active_) timer_.schedule_after(interval_);
  return 0;
}

void TimedSource::cleanup(CleanupStage) {
  if (packet_) packet_->kill();
  packet_ = nullptr;
}

void TimedSource::run_timer(Timer*) {
  if (!active_) return;
  if (limit_ < 0 || count_ < limit_) {
    if (Packet* p = packet_->clone()) {
      p->timestamp_anno() = Timestamp::now();
      output(0).push(p);
    }
    ++count_;
    timer_.reschedule_after(interval_);
  } else if (stop_)
    router()->please_stop_driver();
}

void TimedSource::add_handlers() {
  add_read_handler("data", [this]() { return data_; });
  add_write_handler("data", [this](const String& s, ErrorHandler* errh) -> int {
    String old = data_;
    data_ = s;
    if (remake(errh) < 0) { data_ = old; return -ENOMEM; }
    return 0;
  });
  add_read_handler("interval", [this]() { return interval_.unparse_interval(); });
  add_write_handler("interval", [this](const String& s, ErrorHandler* errh) -> int {
    Timestamp t;
    if (!TimestampArg().parse(cp_uncomment(s), t, ArgContext(this, errh))) return errh->error("interval: expected a time");
    interval_ = t;
    return 0;
  });
  add_read_handler("active", [this]() { return String(active_ ? "true" : "false"); }, Handler::f_checkbox);
  add_write_handler("active", [this](const String& s, ErrorHandler* errh) -> int {
    bool b;
    if (!cp_bool(cp_uncomment(s), &b)) return errh->error("active: expected boolean");
    active_ = b;
    if (b && !timer_.scheduled()) timer_.schedule_after(interval_);
    return 0;
  }, Handler::f_checkbox);
  add_data_handlers("count", Handler::f_read, &count_);
}

EXPORT_ELEMENT(TimedSource)
CLICK_ENDDECLS
