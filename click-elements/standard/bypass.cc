// Bypass. See bypass.hh.
#include "bypass.hh"
#include <click/args.hh>
CLICK_DECLS

int Bypass::configure(Vector<String>& conf, ErrorHandler* errh) {
  return Args(conf, this, errh).read_p("ACTIVE", active_).read("INLINE", inline_).complete();
}

void Bypass::add_handlers() {
  add_data_handlers("active", Handler::f_read | Handler::f_write | Handler::f_checkbox, &active_);
}

EXPORT_ELEMENT(Bypass)
CLICK_ENDDECLS
