// PullSwitch. See pullswitch.hh.
#include "pullswitch.hh"
#include <click/args.hh>
#include <click/confparse.hh>
#include <click/task.hh>
CLICK_DECLS
int PullSwitch::configure(Vector<String>& conf, ErrorHandler* errh) {
  if (Args(conf, this, errh).read_p("K", k_).complete() < 0) return -EINVAL;
  if (k_ < -1) return errh->error("K: expected -1 or an input number");
  active_ = k_ >= 0;
  return 0;
}
bool PullSwitch::selected_active() const {
  if (k_ < 0 || k_ >= ninputs()) return false;
  EmptyNotifier* n = upstream_notifier(this, k_);
  return !n || n->notifier_active();   // no notifier upstream: maybe packets
}

Packet* PullSwitch::pull(int) {
  Packet* p = k_ >= 0 && k_ < ninputs() ? input(k_).pull() : nullptr;
  active_ = p || selected_active();
  return p;
}

void PullSwitch::add_handlers() {
  add_read_handler("switch", [this]() { return std::to_string(k_); });
  add_write_handler("switch", [this](const String& s, ErrorHandler* errh) -> int {
    int k;
    if (!IntArg().parse(cp_uncomment(s), k, ArgContext(this, errh)) || k < -1) return errh->error("switch: expected -1 or an input number");
    k_ = k >= ninputs() ? -1 : k;
    active_ = selected_active();
    if (active_) for (Task* t : listeners_) t->reschedule();   // the new input may have packets
    return 0;
  });
}
EXPORT_ELEMENT(PullSwitch)
CLICK_ENDDECLS
