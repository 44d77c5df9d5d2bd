// RatedSource. See ratedsource.hh.
#include "ratedsource.hh"
#include <click/args.hh>
#include <click/confparse.hh>
#include <click/router.hh>
CLICK_DECLS
static const char default_data[] = "Random bullshit in a packet, at least 64 bytes long. Well, now it is.";

int RatedSource::configure(Vector<String>& conf, ErrorHandler* errh) {
  String data = default_data;
  int64_t limit = -1;
  int burst = 1;
  uint32_t rate = 10;
  int32_t length = -1;
  bool active = true, stop = false;
  String end_call;
  Args args(conf, this, errh);
  args.read_p("DATA", data);
  if (rated_) args.read_p("RATE", rate);
  args.read_p("LIMIT", limit);
  if (!rated_) args.read_p("BURST", burst);
  args.read_p("ACTIVE", active)
      .read("LENGTH", length)
      .read("DATASIZE", length)
      .read("STOP", stop)
      .read("END_CALL", AnyArg(), end_call);
  if (rated_) args.read("BURST", burst);
  if (args.complete() < 0) return -EINVAL;
  if (burst < 1) return errh->error("BURST must be >= 1");
  data_ = data; limit_ = limit; burst_ = burst; rate_ = rate; length_ = length; active_ = active; stop_ = stop; end_call_ = end_call;
  make_template();
  return 0;
}

void RatedSource::make_template() {
  if (packet_) packet_->kill();
  String d = data_;
  if (length_ >= 0) {
    String r;
    if (d.empty()) r.assign(size_t(length_), '\0');
    else while (int32_t(r.size()) < length_) r += d;
    r.resize(size_t(length_));
    d = r;
  }
  packet_ = Packet::make(Packet::default_headroom, d.data(), uint32_t(d.size()), 0);
}

Packet* RatedSource::make_packet() {
  Packet* p = packet_->clone();
  if (p) p->set_timestamp_anno(Timestamp::now());
  return p;
}

int RatedSource::initialize(ErrorHandler*) {
  timer_.initialize(this);
  if (output_is_push(0)) task_.initialize(this, active_ && !rated_);
  else if (rated_) task_.initialize(this, false);
  if (rated_ && active_) { start_ = Timestamp::now_steady(); timer_.schedule_now(); }
  return 0;
}

void RatedSource::finished() {
  if (!end_call_.empty()) {
    String h = end_call_, v;
    size_t sp = h.find(' ');
    if (sp != String::npos) { v = cp_trim(h.substr(sp + 1)); h = h.substr(0, sp); }
    router()->handler_write(h, v, ErrorHandler::default_handler());
  }
  if (stop_) router()->please_stop_driver();
}

bool RatedSource::run_task(Task*) {
  // Rated emission runs from the timer; the task only reports the end, one
  // run after the last packet, so downstream tasks in the batch (an Unqueue
  // draining a Queue) still see it -- as Click's RatedSource stops on the
  // run after reaching LIMIT.
  if (rated_) {
    task_.unschedule();
    if (limit_reached()) finished();
    return false;
  }
  if (!active_) return false;
  if (limit_reached()) { task_.unschedule(); return false; }
  int n = burst_;
  if (limit_ >= 0 && uint64_t(limit_) - count_ < uint64_t(n)) n = int(uint64_t(limit_) - count_);
  for (int i = 0; i < n; ++i) {
    Packet* p = make_packet();
    if (!p) break;
    ++count_;
    output(0).push(p);
  }
  if (limit_reached()) { task_.unschedule(); finished(); }
  else if (rated_) task_.unschedule();
  return n > 0;
}

void RatedSource::run_timer(Timer*) {
  if (!rated_ || !active_ || limit_reached() || rate_ == 0) return;
  // emit what is due since start at RATE packets/second
  Timestamp el = Timestamp::now_steady() - start_;
  uint64_t due = uint64_t(el.doubleval() * rate_) + 1;
  if (output_is_push(0)) {
    int guard = 0;
    while (count_ < due && !limit_reached() && guard++ < 1024) {
      Packet* p = make_packet();
      if (!p) break;
      ++count_;
      output(0).push(p);
    }
    if (limit_reached()) { task_.reschedule(); return; }
  }
  Timestamp next = start_ + Timestamp::make_double(double(count_) / rate_);
  timer_.schedule_at(next);
}

Packet* RatedSource::pull(int) {
  if (!active_ || limit_reached()) return nullptr;
  if (rated_ && rate_ > 0) {
    if (!start_) start_ = Timestamp::now_steady();
    Timestamp el = Timestamp::now_steady() - start_;
    if (double(count_) >= el.doubleval() * rate_ + 1) return nullptr;
  }
  Packet* p = make_packet();
  if (!p) return nullptr;
  ++count_;
  if (limit_reached()) finished();
  return p;
}

void RatedSource::add_handlers() {
  add_read_handler("count", [this]() { return std::to_string(count_); });
  add_write_handler("reset", [this](const String&, ErrorHandler*) {
    count_ = 0;
    start_ = Timestamp::now_steady();
    if (active_ && output_is_push(0)) { if (rated_) timer_.schedule_now(); else task_.reschedule(); }
    return 0;
  }, Handler::f_button);
  add_read_handler("data", [this]() { return data_; });
  add_write_handler("data", [this](const String& s, ErrorHandler*) { data_ = cp_unquote(s); make_template(); return 0; });
  add_read_handler("length", [this]() { return std::to_string(packet_ ? packet_->length() : 0); });
  add_read_handler("limit", [this]() { return std::to_string(limit_); });
  add_write_handler("limit", [this](const String& s, ErrorHandler* errh) -> int {
    int64_t l;
    if (!IntArg().parse(cp_uncomment(s), l, ArgContext(this, errh))) return errh->error("limit: expected integer");
    limit_ = l;
    if (active_ && output_is_push(0) && !limit_reached()) { if (rated_) timer_.schedule_now(); else task_.reschedule(); }
    return 0;
  });
  add_read_handler("burst", [this]() { return std::to_string(burst_); });
  add_write_handler("burst", [this](const String& s, ErrorHandler* errh) -> int {
    int b;
    if (!IntArg().parse(cp_uncomment(s), b, ArgContext(this, errh)) || b < 1) return errh->error("burst: expected positive integer");
    burst_ = b;
    return 0;
  });
  add_read_handler("active", [this]() { return String(active_ ? "true" : "false"); });
  add_write_handler("active", [this](const String& s, ErrorHandler* errh) -> int {
    bool b;
    if (!cp_bool(cp_uncomment(s), &b)) return errh->error("active: expected boolean");
    active_ = b;
    if (b && output_is_push(0) && !limit_reached()) { if (rated_) { start_ = Timestamp::now_steady() - Timestamp::make_double(double(count_) / (rate_ ? rate_ : 1)); timer_.schedule_now(); } else task_.reschedule(); }
    return 0;
  });
  if (rated_) {
    add_read_handler("rate", [this]() { return std::to_string(rate_); });
    add_write_handler("rate", [this](const String& s, ErrorHandler* errh) -> int {
      uint32_t r;
      if (!IntArg().parse(cp_uncomment(s), r, ArgContext(this, errh))) return errh->error("rate: expected unsigned integer");
      rate_ = r;
      count_ = 0;
      start_ = Timestamp::now_steady();
      if (active_ && output_is_push(0)) timer_.schedule_now();
      return 0;
    });
  }
  if (output_is_push(0)) add_task_handlers(&task_);
}
EXPORT_ELEMENT(RatedSource)
CLICK_ENDDECLS
