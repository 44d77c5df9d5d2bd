// TimeSortedSched. See timesortedsched.hh.
#include "timesortedsched.hh"
#include <click/args.hh>
#include <click/packet.hh>
#include <click/router.hh>
#include <algorithm>
CLICK_DECLS

namespace {
// std heap algorithms build a max-heap: "less" means a later timestamp
struct LaterFirst {
  template <typename H> bool operator()(const H& a, const H& b) const {
    return b.p->timestamp_anno() < a.p->timestamp_anno();
  }
};
}  // namespace

int TimeSortedSched::configure(Vector<String>& conf, ErrorHandler* errh) {
  bool stop = false;
  int buffer = 1;
  if (Args(conf, this, errh).read("STOP", stop).read("BUFFER", buffer).complete() < 0) return -EINVAL;
  if (buffer <= 0) return errh->error("BUFFER must be at least 1");
  stop_ = stop;
  buffer_ = buffer;
  return 0;
}

int TimeSortedSched::initialize(ErrorHandler*) {
  space_.assign(ninputs(), buffer_);
  upstream_.assign(ninputs(), nullptr);
  for (int i = 0; i < ninputs(); ++i) upstream_[i] = upstream_notifier(this, i);
  heap_.reserve(size_t(ninputs()) * buffer_);
  return 0;
}

void TimeSortedSched::cleanup(CleanupStage) {
  for (auto& h : heap_) h.p->kill();
  heap_.clear();
}

Packet* TimeSortedSched::pull(int) {
  bool any_input = false;
  // fill the buffer from every input with room that may have packets
  for (int i = ninputs() - 1; i >= 0; --i) {
    if (space_[i] == 0 || !input_may_have_packets(i)) continue;
    any_input = true;
    while (space_[i] > 0) {
      Packet* p = input(i).pull();
      if (!p) break;
      heap_.push_back(Held{p, i});
      std::push_heap(heap_.begin(), heap_.end(), LaterFirst());
      --space_[i];
    }
  }
  signal_ = !heap_.empty() || any_input;
  if (heap_.empty()) {
    if (stop_ && !any_input) router()->please_stop_driver();
    return nullptr;
  }
  std::pop_heap(heap_.begin(), heap_.end(), LaterFirst());
  Held h = heap_.back();
  heap_.pop_back();
  ++space_[h.input];
  const Timestamp& t = h.p->timestamp_anno();
  if (t) {
    if (last_emission_ && t < last_emission_) well_ordered_ = false;
    last_emission_ = t;
  }
  return h.p;
}

void TimeSortedSched::add_handlers() {
  add_read_handler("well_ordered", [this]() { return String(well_ordered_ ? "true" : "false"); }, Handler::f_checkbox);
}

EXPORT_ELEMENT(TimeSortedSched)
CLICK_ENDDECLS
