// Switch. See switch.hh.
#include "switch.hh"
#include <click/args.hh>
#include <click/confparse.hh>
#include <click/router.hh>
CLICK_DECLS
int Switch::configure(Vector<String>& conf, ErrorHandler* errh) {
  int o = 0;
  if (Args(conf, this, errh).read_p("OUTPUT", o).complete() < 0) return -EINVAL;
  output_ = (o >= noutputs()) ? -1 : o;
  return 0;
}
void Switch::add_handlers() {
  add_data_handlers("switch", Handler::f_read, &output_);
  add_write_handler("switch", [this](const String& s, ErrorHandler* errh) -> int {
    int o;
    if (!IntArg().parse(cp_uncomment(s), o, ArgContext(this, errh))) return errh->error("Switch output must be integer");
    output_ = (o >= noutputs()) ? -1 : o;
    return 0;
  });
}
EXPORT_ELEMENT(Switch)
CLICK_ENDDECLS
