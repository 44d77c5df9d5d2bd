// TimeFilter. See timefilter.hh.
#include "timefilter.hh"
#include <click/args.hh>
#include <click/confparse.hh>
#include <click/packet.hh>
#include <click/router.hh>
#include <cstring>
CLICK_DECLS

int TimeFilter::configure(Vector<String>& conf, ErrorHandler* errh) {
  Timestamp first, last, first_init, last_init, first_delta, last_delta, interval;
  String end_call;
  bool stop = false;
  if (Args(conf, this, errh).read_p("START", TimestampArg(), first).read_p("END", TimestampArg(), last)
          .read("START_DELAY", TimestampArg(), first_init).read("END_DELAY", TimestampArg(), last_init)
          .read("START_AFTER", TimestampArg(), first_delta).read("END_AFTER", TimestampArg(), last_delta)
          .read("INTERVAL", TimestampArg(), interval).read("STOP", stop).read("END_CALL", AnyArg(), end_call)
          .complete() < 0)
    return -EINVAL;
  if (bool(first) + bool(first_delta) + bool(first_init) > 1)
    return errh->error("START, START_AFTER, and START_DELAY are mutually exclusive");
  if (first) first_ = first;
  else if (first_init) first_ = first_init, first_init_relative_ = true;
  else first_ = first_delta, first_relative_ = true;
  if (bool(last) + bool(last_delta) + bool(last_init) + bool(interval) > 1)
    return errh->error("END, END_AFTER, END_DELAY, and INTERVAL are mutually exclusive");
  if (last) last_ = last;
  else if (last_delta) last_ = last_delta, last_relative_ = true;
  else if (last_init) last_ = last_init, last_init_relative_ = true;
  else if (interval) last_ = interval, last_interval_ = true;
  else last_ = Timestamp::make_sec(0x7FFFFFFF);
  if (!end_call.empty() && stop) return errh->error("END_CALL and STOP are mutually exclusive");
  if (!end_call.empty()) end_call_ = HandlerCall(end_call);
  else if (stop) end_call_ = HandlerCall("stop true");
  return 0;
}

int TimeFilter::initialize(ErrorHandler* errh) {
  if (!end_call_.empty() && end_call_.initialize_write(this, errh) < 0) return -EINVAL;
  if (first_init_relative_ || last_init_relative_) {
    Timestamp now = Timestamp::now();
    if (first_init_relative_) first_ += now;
    if (last_init_relative_) last_ += now;
  }
  end_call_ready_ = !end_call_.empty();
  return 0;
}

void TimeFilter::first_packet(const Timestamp& t) {
  if (first_relative_) first_ += t;
  if (last_relative_) last_ += t;
  else if (last_interval_) last_ += first_;
  ready_ = true;
}

// END_CALL with "$t" (or "${t}") in its value replaced by the timestamp, as
// Click's call in a scope defining t.
void TimeFilter::call_end(const Timestamp& t) {
  String value = end_call_.value(), ts = t.unparse();
  for (const char* var : {"${t}", "$t"}) {
    size_t n = strlen(var);
    for (size_t at = value.find(var); at != String::npos; at = value.find(var, at + ts.size()))
      value.replace(at, n, ts);
  }
  const Handler* h = router()->handler(end_call_.element(), end_call_.handler_name());
  if (h && h->writable()) h->write(value, end_call_.element(), ErrorHandler::default_handler());
}

Packet* TimeFilter::simple_action(Packet* p) {
  const Timestamp& t = p->timestamp_anno();
  if (unlikely(!ready_)) first_packet(t);
  if (t < first_) return reject(p);
  if (!(t < last_) && end_call_ready_) {
    Timestamp prev;
    do {
      prev = last_;
      end_call_ready_ = false;
      call_end(t);
    } while (!(t < last_) && end_call_ready_ && last_ > prev);
  }
  if (!(t < last_)) return reject(p);
  return p;
}

void TimeFilter::add_handlers() {
  auto parse = [this](const String& s, Timestamp& t, ErrorHandler* errh) {
    return TimestampArg().parse(cp_uncomment(s), t, ArgContext(this, errh));
  };
  add_read_handler("start", [this]() { return first_.unparse(); });
  add_read_handler("end", [this]() { return last_.unparse(); });
  add_read_handler("interval", [this]() { return (last_ - first_).unparse(); });
  add_write_handler("start", [this, parse](const String& s, ErrorHandler* errh) -> int {
    Timestamp t;
    if (!parse(s, t, errh)) return errh->error("expected time");
    if (!ready_) first_packet(t);
    first_ = t;
    return 0;
  });
  add_write_handler("end", [this, parse](const String& s, ErrorHandler* errh) -> int {
    Timestamp t;
    if (!parse(s, t, errh)) return errh->error("expected time");
    last_ = t;
    last_relative_ = last_init_relative_ = last_interval_ = false;
    end_call_ready_ = !end_call_.empty();
    return 0;
  });
  add_write_handler("interval", [this, parse](const String& s, ErrorHandler* errh) -> int {
    Timestamp t;
    if (!parse(s, t, errh)) return errh->error("expected time");
    last_ = first_ + t;
    end_call_ready_ = !end_call_.empty();
    return 0;
  });
  add_write_handler("extend_interval", [this, parse](const String& s, ErrorHandler* errh) -> int {
    Timestamp t;
    if (!parse(s, t, errh)) return errh->error("extend_interval: expected time");
    last_ += t;
    end_call_ready_ = !end_call_.empty();
    return 0;
  });
}

EXPORT_ELEMENT(TimeFilter)
CLICK_ENDDECLS
