// RandomSeed. See randomseed.hh.
#include "randomseed.hh"
#include <click/args.hh>
#include <click/confparse.hh>
CLICK_DECLS

int RandomSeed::reseed(const String& text, ErrorHandler* errh) {
  String t = cp_uncomment(text);
  if (t.empty()) { click_random_srandom(); return 0; }
  char* end;
  unsigned long long seed = strtoull(t.c_str(), &end, 0);
  if (!isdigit((unsigned char)t[0]) || *end || seed > 0xFFFFFFFFULL)
    return errh->error("SEED: expected an unsigned 32-bit integer, not '%s'", t.c_str());
  click_srandom(uint32_t(seed));
  return 0;
}

int RandomSeed::configure(Vector<String>& conf, ErrorHandler* errh) {
  String seed;
  if (Args(conf, this, errh).read_p("SEED", AnyArg(), seed).complete() < 0) return -EINVAL;
  return reseed(seed, errh);
}

void RandomSeed::add_handlers() {
  add_write_handler("seed", [](const String& d, ErrorHandler* errh) { return reseed(d, errh); });
}

EXPORT_ELEMENT(RandomSeed)
CLICK_ENDDECLS
