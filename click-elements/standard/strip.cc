// Strip. See strip.hh.
#include "strip.hh"
#include <click/args.hh>
CLICK_DECLS
int Strip::configure(Vector<String>& conf, ErrorHandler* errh) {
  return Args(conf, this, errh).read_mp("LENGTH", nbytes_).complete();
}
void Strip::add_handlers() { add_data_handlers("length", Handler::f_read, &nbytes_); }
EXPORT_ELEMENT(Strip)
CLICK_ENDDECLS
