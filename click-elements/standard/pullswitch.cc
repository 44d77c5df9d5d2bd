// PullSwitch. See pullswitch.hh.
#include "pullswitch.hh"
#include <click/args.hh>
#include <click/confparse.hh>
#include <click/task.hh>
CLICK_DECLS
int PullSwitch::configure(Vector<String>& conf, ErrorHandler* errh) {
  if (Args(conf, this, errh).read_p("K", k_).complete() < 0) return -EINVAL;
  if (k_ < -1) return errh->error("K: expected -1 or an input number");
  return 0;
}
void PullSwitch::add_handlers() {
  add_read_handler("switch", [this]() { return std::to_string(k_); });
  add_write_handler("switch", [this](const String& s, ErrorHandler* errh) -> int {
    int k;
    if (!IntArg().parse(cp_uncomment(s), k, ArgContext(this, errh)) || k < -1) return errh->error("switch: expected -1 or an input number");
    k_ = k >= ninputs() ? -1 : k;
    for (Task* t : listeners_) t->reschedule();   // the new input may have packets
    return 0;
  });
}
EXPORT_ELEMENT(PullSwitch)
CLICK_ENDDECLS
