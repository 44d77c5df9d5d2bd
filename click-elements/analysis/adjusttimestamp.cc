// AdjustTimestamp. See adjusttimestamp.hh.
#include "adjusttimestamp.hh"
#include <click/args.hh>
#include <click/confparse.hh>
#include <click/packet.hh>
CLICK_DECLS

int AdjustTimestamp::configure(Vector<String>& conf, ErrorHandler* errh) {
  Timestamp delta;
  bool all = false;
  if (Args(conf, this, errh).read_p("TIME", TimestampArg(), delta).read("ALL", all).complete() < 0) return -EINVAL;
  delta_ = delta;
  all_ = all;
  return 0;
}

Packet* AdjustTimestamp::simple_action(Packet* p) {
  Timestamp& ts = p->timestamp_anno();
  if (ts || all_) ts += delta_;
  return p;
}

void AdjustTimestamp::add_handlers() {
  add_read_handler("time", [this]() { return delta_.unparse(); });
  add_write_handler("time", [this](const String& s, ErrorHandler* errh) -> int {
    Timestamp t;
    if (!TimestampArg().parse(cp_uncomment(s), t, ArgContext(this, errh))) return errh->error("time: expected a time");
    delta_ = t;
    return 0;
  });
}

EXPORT_ELEMENT(AdjustTimestamp)
CLICK_ENDDECLS
