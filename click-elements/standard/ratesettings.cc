// RateSettings. See ratesettings.hh.
#include "ratesettings.hh"
#include <click/confparse.hh>
CLICK_DECLS

void RateSettings::read(Args& args) {
  if (bandwidth) args.read_mp("RATE", BandwidthArg(), parsed_rate);
  else args.read_mp("RATE", parsed_rate);
  args.read("BURST_DURATION", SecondsArg(3), burst_msec);
  burst_duration_given = args.read_status_present();
  args.read(burst_keyword(), burst_tokens);
  burst_tokens_given = args.read_status_present();
}

int RateSettings::check(ErrorHandler* errh) {
  if (burst_duration_given && burst_tokens_given)
    return errh->error("cannot specify both BURST_DURATION and %s", burst_keyword());
  if (parsed_rate > UINT32_MAX) return errh->error("RATE too large");
  rate = uint32_t(parsed_rate);
  return 0;
}

bool RateSettings::parse_rate(const String& s, uint32_t& out, const ArgContext& ctx) const {
  uint64_t r;
  bool ok = bandwidth ? BandwidthArg().parse(s, r, ctx) : IntArg().parse(s, r, ctx);
  if (!ok) return false;
  if (r > UINT32_MAX) { ctx.error("rate too large"); return false; }
  out = uint32_t(r);
  return true;
}

void RateSettings::apply(TokenBucket& tb) const {
  uint64_t tokens = burst_tokens_given ? burst_tokens : uint64_t(rate) * burst_msec / 1000;
  if (bandwidth) tokens += bandwidth_threshold;
  if (tokens > UINT32_MAX) tokens = UINT32_MAX;
  tb.assign(rate, tokens ? uint32_t(tokens) : 1);
}

String RateSettings::unparse_rate(const TokenBucket& tb) const {
  return std::to_string(tb.rate()) + (bandwidth ? "Bps" : "");
}
CLICK_ENDDECLS
