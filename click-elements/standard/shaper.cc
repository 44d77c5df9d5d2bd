// Shaper. See shaper.hh.
#include "shaper.hh"
#include <click/args.hh>
#include <click/confparse.hh>
CLICK_DECLS

int Shaper::configure(Vector<String>& conf, ErrorHandler* errh) {
  uint32_t rate;
  if (Args(conf, this, errh).read_mp("RATE", rate).complete() < 0) return -EINVAL;
  if (rate > GapRate::MAX_RATE) errh->warning("RATE too large; lowered to %u", GapRate::MAX_RATE);
  rate_.set_rate(rate);
  return 0;
}

Packet* Shaper::pull(int port) {
  bool may = rate_.need_update(Timestamp::now());
  if (port == 0 && may) {
    Packet* p = input(0).pull();
    if (p) rate_.update();
    return p;
  }
  if (port == 1 && !may) return input(0).pull();
  return nullptr;
}

void Shaper::add_handlers() {
  add_read_handler("rate", [this]() { return std::to_string(rate_.rate()); });
  add_read_handler("config", [this]() { return std::to_string(rate_.rate()); }, Handler::f_calm);
  add_write_handler("rate", [this](const String& s, ErrorHandler* errh) -> int {
    uint32_t r;
    if (!IntArg().parse(cp_uncomment(s), r, ArgContext(this, errh))) return errh->error("rate: expected unsigned integer");
    rate_.set_rate(r);
    return 0;
  });
  add_write_handler("reset", [this](const String&, ErrorHandler*) { rate_.reset(); return 0; }, Handler::f_button);
}

EXPORT_ELEMENT(Shaper)
CLICK_ENDDECLS
