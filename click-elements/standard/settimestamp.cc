// SetTimestamp. See settimestamp.hh.
#include "settimestamp.hh"
#include <click/args.hh>
#include <click/confparse.hh>
#include <click/checksum.hh>
#include <clicknet/ip.h>
#include <cstring>
CLICK_DECLS
int SetTimestamp::configure(Vector<String>& conf, ErrorHandler* errh) {
  bool first = false;
  Args args(conf, this, errh);
  args.read_p("TIMESTAMP", ts_);
  have_ts_ = args.read_status_present();
  return args.read("FIRST", first).complete();
}
EXPORT_ELEMENT(SetTimestamp)
CLICK_ENDDECLS
