// SimpleQueue. See simplequeue.hh.
#include "simplequeue.hh"
#include <click/args.hh>
#include <click/confparse.hh>
#include <click/router.hh>
CLICK_DECLS
void* SimpleQueue::cast(const char* n) {
  if (strcmp(n, "SimpleQueue") == 0 || strcmp(n, "Storage") == 0) return static_cast<Element*>(this);
  if (strcmp(n, "EmptyNotifier") == 0) return static_cast<EmptyNotifier*>(this);
  return nullptr;
}
int SimpleQueue::set_capacity(uint32_t c) {
  Vector<Packet*> pk;
  while (head_ != tail_) { pk.push_back(ring_[head_]); head_ = next(head_); }
  ring_.assign(size_t(c) + 1, nullptr);
  head_ = tail_ = 0;
  for (Packet* p : pk) {
    if (size() < c) { ring_[tail_] = p; tail_ = next(tail_); } else p->kill();
  }
  capacity_ = c;
  wake_pushers();
  return 0;
}
int SimpleQueue::configure(Vector<String>& conf, ErrorHandler* errh) {
  uint32_t c = 1000;
  if (Args(conf, this, errh).read_p("CAPACITY", c).complete() < 0) return -EINVAL;
  return set_capacity(c);
}
int SimpleQueue::live_reconfigure(Vector<String>& conf, ErrorHandler* errh) { return configure(conf, errh); }
void SimpleQueue::push(int, Packet* p) {
  uint32_t nt = next(tail_);
  if (nt != head_) {
    if (head_ == tail_)  // empty -> non-empty: wake sleeping pullers
      for (Task* t : listeners_) t->reschedule();
    ring_[tail_] = p;
    tail_ = nt;
    uint32_t s = size();
    if (s > highwater_) highwater_ = s;
  } else {
    if (drops_ == 0 && capacity_ > 0) click_chatter("%s: overflow", declaration().c_str());
    ++drops_;
    checked_output_push(1, p);
  }
}
Packet* SimpleQueue::pull(int) {
  if (head_ == tail_) return nullptr;
  bool was_full = size() >= capacity_;
  Packet* p = ring_[head_];
  head_ = next(head_);
  if (was_full) wake_pushers();   // full -> room: wake sleeping sources
  return p;
}
void SimpleQueue::add_handlers() {
  add_read_handler("length", [this]() { return std::to_string(size()); });
  add_data_handlers("highwater_length", Handler::f_read, &highwater_);
  add_data_handlers("drops", Handler::f_read, &drops_);
  add_data_handlers("capacity", Handler::f_read, &capacity_);
  add_write_handler("capacity", [this](const String& s, ErrorHandler* errh) -> int {
    uint32_t c;
    String v = cp_uncomment(s);
    if (!IntArg().parse(v, c, ArgContext(this, errh))) return errh->error("capacity: expected unsigned integer");
    int r = set_capacity(c);
    if (r < 0) return r;
    // the configuration now says so, as Click's keyword reconfiguration: the
    // positional CAPACITY is replaced, else "CAPACITY N" replaces any keyword one
    Vector<String> conf = cp_argvec(configuration());
    bool positional = !conf.empty() && !conf[0].empty() && isdigit((unsigned char)cp_uncomment(conf[0])[0]);
    if (positional) conf[0] = v;
    else {
      Vector<String> kept;
      for (auto& a : conf) if (cp_uncomment(a).compare(0, 9, "CAPACITY ") != 0) kept.push_back(a);
      kept.push_back("CAPACITY " + v);
      conf = kept;
    }
    set_configuration(cp_unargvec(conf));
    return 0;
  });
  add_write_handler("reset_counts", [this](const String&, ErrorHandler*) { drops_ = 0; highwater_ = size(); return 0; }, Handler::f_button);
  add_write_handler("reset", [this](const String&, ErrorHandler*) {
    while (head_ != tail_) { ring_[head_]->kill(); head_ = next(head_); }
    wake_pushers();
    return 0;
  }, Handler::f_button);
}
EXPORT_ELEMENT(SimpleQueue)
CLICK_ENDDECLS
