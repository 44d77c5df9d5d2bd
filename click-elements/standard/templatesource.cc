// TemplateSource. See templatesource.hh.
#include "templatesource.hh"
#include <click/confparse.hh>
#include <click/router.hh>
CLICK_DECLS
const char TemplateSource::default_data[] = "Random bullshit in a packet, at least 64 bytes long. Well, now it is.";

Args& TemplateSource::read_keywords(Args& args, Settings& s) {
  return args.read("LENGTH", s.length)
      .read("DATASIZE", s.length)
      .read("STOP", s.stop)
      .read("END_CALL", AnyArg(), s.end_call);
}

int TemplateSource::apply(const Settings& s, ErrorHandler* errh) {
  if (s.burst < 1) return errh->error("BURST must be >= 1");
  data_ = s.data; limit_ = s.limit; burst_ = s.burst; length_ = s.length; active_ = s.active; stop_ = s.stop;
  end_call_ = HandlerCall(s.end_call);
  make_template();
  return 0;
}

void TemplateSource::make_template() {
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

Packet* TemplateSource::make_packet() {
  Packet* p = packet_->clone();
  if (p) p->set_timestamp_anno(Timestamp::now());
  return p;
}

bool TemplateSource::push_one() {
  Packet* p = make_packet();
  if (!p) return false;
  ++count_;
  output(0).push(p);
  return true;
}

Packet* TemplateSource::pull_one() {
  Packet* p = make_packet();
  if (!p) return nullptr;
  ++count_;
  if (limit_reached()) finished();
  return p;
}

void TemplateSource::finished() {
  end_call_.call_write();
  if (stop_) router()->please_stop_driver();
}

void TemplateSource::add_source_handlers() {
  add_data_handlers("count", Handler::f_read, &count_);
  add_write_handler("reset", [this](const String&, ErrorHandler*) {
    count_ = 0;
    reset_clock();
    if (active_ && output_is_push(0)) rearm();
    return 0;
  }, Handler::f_button);
  add_data_handlers("data", Handler::f_read, &data_);
  add_write_handler("data", [this](const String& s, ErrorHandler*) { data_ = cp_unquote(s); make_template(); return 0; });
  add_read_handler("length", [this]() { return std::to_string(packet_ ? packet_->length() : 0); });
  add_data_handlers("limit", Handler::f_read, &limit_);
  add_write_handler("limit", [this](const String& s, ErrorHandler* errh) -> int {
    int64_t l;
    if (!IntArg().parse(cp_uncomment(s), l, ArgContext(this, errh))) return errh->error("limit: expected integer");
    limit_ = l;
    if (active_ && output_is_push(0) && !limit_reached()) rearm();
    return 0;
  });
  add_data_handlers("burst", Handler::f_read, &burst_);
  add_write_handler("burst", [this](const String& s, ErrorHandler* errh) -> int {
    int b;
    if (!IntArg().parse(cp_uncomment(s), b, ArgContext(this, errh)) || b < 1) return errh->error("burst: expected positive integer");
    burst_ = b;
    return 0;
  });
  add_data_handlers("active", Handler::f_read, &active_);
  add_write_handler("active", [this](const String& s, ErrorHandler* errh) -> int {
    bool b;
    if (!cp_bool(cp_uncomment(s), &b)) return errh->error("active: expected boolean");
    active_ = b;
    if (b && output_is_push(0) && !limit_reached()) { resume_clock(); rearm(); }
    return 0;
  });
}

CLICK_ENDDECLS
