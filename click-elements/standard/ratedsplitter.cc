// RatedSplitter. See ratedsplitter.hh.
#include "ratedsplitter.hh"
#include <click/confparse.hh>
CLICK_DECLS

int RatedSplitter::configure(Vector<String>& conf, ErrorHandler* errh) {
  RateSettings settings(is_bandwidth());
  Args args(conf, this, errh);
  settings.read(args);
  if (args.complete() < 0 || settings.check(errh) < 0) return -EINVAL;
  settings_ = settings;
  settings_.apply(bucket_);
  return 0;
}

void RatedSplitter::push(int, Packet* p) {
  bucket_.refill();
  if (bucket_.remove_if(1)) output(0).push(p);
  else checked_output_push(1, p);
}

void RatedSplitter::add_handlers() {
  add_read_handler("rate", [this]() { return settings_.unparse_rate(bucket_); });
  add_read_handler("config", [this]() { return settings_.unparse_rate(bucket_); }, Handler::f_calm);
  add_write_handler("rate", [this](const String& s, ErrorHandler* errh) -> int {
    if (!settings_.parse_rate(cp_uncomment(s), settings_.rate, ArgContext(this, errh)))
      return errh->error("rate: expected %s", is_bandwidth() ? "bandwidth" : "unsigned integer");
    settings_.apply(bucket_);
    return 0;
  });
}

EXPORT_ELEMENT(RatedSplitter)
CLICK_ENDDECLS
