// Unstrip. See unstrip.hh.
#include "unstrip.hh"
#include <click/args.hh>
CLICK_DECLS
int Unstrip::configure(Vector<String>& conf, ErrorHandler* errh) {
  return Args(conf, this, errh).read_mp("LENGTH", nbytes_).complete();
}
void Unstrip::add_handlers() { add_data_handlers("length", Handler::f_read, &nbytes_); }
EXPORT_ELEMENT(Unstrip)
CLICK_ENDDECLS
