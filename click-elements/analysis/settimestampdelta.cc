// SetTimestampDelta. See settimestampdelta.hh.
#include "settimestampdelta.hh"
#include <click/args.hh>
#include <click/packet.hh>
CLICK_DECLS

int SetTimestampDelta::configure(Vector<String>& conf, ErrorHandler* errh) {
  String type = "RANGE";
  if (Args(conf, this, errh).read("TYPE", WordArg(), type).complete() < 0) return -EINVAL;
  if (type == "RANGE") since_now_ = false;
  else if (type == "NOW") since_now_ = true;
  else return errh->error("bad TYPE '%s' (expected RANGE or NOW)", type.c_str());
  return 0;
}

Packet* SetTimestampDelta::simple_action(Packet* p) {
  Timestamp& t = p->timestamp_anno();
  if (!t) return p;
  if (since_now_) t = Timestamp::now() - t;
  else {
    if (!first_) first_ = t;
    t -= first_;
  }
  return p;
}

void SetTimestampDelta::add_handlers() {
  add_read_handler("first", [this]() { return first_.unparse(); });
  add_write_handler("reset", [this](const String&, ErrorHandler*) { first_ = Timestamp(); return 0; }, Handler::f_button);
}

EXPORT_ELEMENT(SetTimestampDelta)
CLICK_ENDDECLS
