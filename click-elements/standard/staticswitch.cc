// StaticSwitch. See staticswitch.hh.
#include "staticswitch.hh"
#include <click/args.hh>
#include <click/confparse.hh>
#include <click/router.hh>
CLICK_DECLS
int StaticSwitch::configure(Vector<String>& conf, ErrorHandler* errh) {
  int o = 0;
  if (Args(conf, this, errh).read_mp("OUTPUT", o).complete() < 0) return -EINVAL;
  output_ = (o >= noutputs()) ? -1 : o;
  return 0;
}
EXPORT_ELEMENT(StaticSwitch)
CLICK_ENDDECLS
