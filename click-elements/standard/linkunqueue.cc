// LinkUnqueue. See linkunqueue.hh.
#include "linkunqueue.hh"
#include <click/args.hh>
#include <click/confparse.hh>
#include <click/packet.hh>
CLICK_DECLS

int LinkUnqueue::configure(Vector<String>& conf, ErrorHandler* errh) {
  Timestamp latency;
  uint64_t bw;
  if (Args(conf, this, errh).read_mp("LATENCY", TimestampArg(), latency).read_mp("BANDWIDTH", BandwidthArg(), bw).complete() < 0)
    return -EINVAL;
  if (bw < 100) return errh->error("bandwidth too small, minimum 100Bps");
  if (bw / 100 > UINT32_MAX) return errh->error("bandwidth too large");
  latency_ = latency;
  bandwidth_ = uint32_t(bw / 100);
  return 0;
}

int LinkUnqueue::initialize(ErrorHandler*) {
  task_.initialize(this, true);
  timer_.initialize(this);
  if ((upstream_ = upstream_notifier(this, 0))) upstream_->add_listener(&task_);
  return 0;
}

// delivery time: start + the packet's transmission time (microseconds, as Click)
void LinkUnqueue::stamp(Packet* p, const Timestamp& start) const {
  uint64_t length = p->length() + p->anno_u32(EXTRA_LENGTH_ANNO_OFFSET);
  uint64_t usec = length * 10000 / bandwidth_;
  p->set_timestamp_anno(start + Timestamp::make_usec(0, int64_t(usec)));
}

bool LinkUnqueue::run_task(Task*) {
  bool worked = false;
  Timestamp now = Timestamp::now(), now_delayed = now + latency_;
  // take packets while the link holds less than LATENCY's worth
  while (link_.empty() || link_.back()->timestamp_anno() <= now_delayed) {
    Packet* p = input(0).pull();
    if (!p) { back_to_back_ = false; break; }
    stamp(p, !link_.empty() && back_to_back_ ? link_.back()->timestamp_anno() : now_delayed);
    link_.push_back(p);
    worked = back_to_back_ = true;
  }
  // deliver what has arrived
  while (!link_.empty() && link_.front()->timestamp_anno() <= now) {
    Packet* p = link_.front();
    link_.pop_front();
    output(0).push(p);
    worked = true;
  }
  bool more_upstream = !upstream_ || upstream_->notifier_active();
  if (!link_.empty()) {
    Timestamp expiry = link_.front()->timestamp_anno();
    if (more_upstream) {
      Timestamp room = link_.back()->timestamp_anno() - latency_;
      if (room < expiry) expiry = room;
    }
    if (expiry > now) {   // sleep until the next delivery (or room on the link)
      task_.unschedule();
      timer_.schedule_at(Timestamp::now_steady() + (expiry - now));
    }
  } else if (!more_upstream)
    task_.unschedule();   // the queue's next push wakes us
  return worked;
}

void LinkUnqueue::drop_all() {
  for (Packet* p : link_) p->kill();
  link_.clear();
}

int LinkUnqueue::reset() {
  drop_all();
  timer_.unschedule();
  task_.reschedule();
  return 0;
}

void LinkUnqueue::add_handlers() {
  add_read_handler("latency", [this]() { return latency_.unparse_interval(); }, Handler::f_calm);
  add_read_handler("bandwidth", [this]() { return std::to_string(uint64_t(bandwidth_) * 100); }, Handler::f_calm);
  add_read_handler("size", [this]() { return std::to_string(link_.size()); });
  add_write_handler("reset", [this](const String&, ErrorHandler*) { return reset(); }, Handler::f_button);
  add_write_handler("latency", [this](const String& s, ErrorHandler* errh) -> int {
    Timestamp t;
    if (!TimestampArg().parse(cp_uncomment(s), t, ArgContext(this, errh))) return errh->error("latency must be a timestamp");
    latency_ = t;
    return reset();
  });
  add_write_handler("bandwidth", [this](const String& s, ErrorHandler* errh) -> int {
    uint64_t bw;
    if (!BandwidthArg().parse(cp_uncomment(s), bw, ArgContext(this, errh))) return errh->error("invalid bandwidth");
    if (bw < 100) return errh->error("bandwidth too small, minimum 100Bps");
    bandwidth_ = uint32_t(std::min<uint64_t>(bw / 100, UINT32_MAX));
    return reset();
  });
  add_task_handlers(&task_);
}

EXPORT_ELEMENT(LinkUnqueue)
CLICK_ENDDECLS
