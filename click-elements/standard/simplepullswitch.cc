// SimplePullSwitch. See simplepullswitch.hh.
#include "simplepullswitch.hh"
#include <click/args.hh>
#include <click/confparse.hh>
CLICK_DECLS
int SimplePullSwitch::configure(Vector<String>& conf, ErrorHandler* errh) {
  if (Args(conf, this, errh).read_p("K", k_).complete() < 0) return -EINVAL;
  if (k_ < -1) return errh->error("K: expected -1 or an input number");
  return 0;
}
void SimplePullSwitch::add_handlers() {
  add_read_handler("switch", [this]() { return std::to_string(k_); });
  add_write_handler("switch", [this](const String& s, ErrorHandler* errh) -> int {
    int k;
    if (!IntArg().parse(cp_uncomment(s), k, ArgContext(this, errh)) || k < -1) return errh->error("switch: expected -1 or an input number");
    k_ = k >= ninputs() ? -1 : k;
    return 0;
  });
}
EXPORT_ELEMENT(SimplePullSwitch)
CLICK_ENDDECLS
