// -*- c++ -*-
// RateSettings: the RATE / BURST_DURATION / BURST_SIZE (BURST_BYTES) arguments
// RatedUnqueue, BandwidthRatedUnqueue, RatedSplitter and BandwidthRatedSplitter
// share, and how they size a TokenBucket (Click's RatedUnqueue::configure_helper).
// Registers no element class.
#ifndef NETSERV_RATESETTINGS_HH
#define NETSERV_RATESETTINGS_HH
#include <click/args.hh>
#include <click/tokenbucket.hh>
CLICK_DECLS
struct RateSettings {
  /** Bandwidth variants need this many byte tokens before a packet may go
   *  (Click's tb_bandwidth_thresh), so any packet fits; it is added to the capacity. */
  enum { bandwidth_threshold = 131072 };
  bool bandwidth = false;
  uint32_t rate = 0;
  uint32_t burst_msec = 20;
  uint32_t burst_tokens = 0;
  bool burst_tokens_given = false;
  bool burst_duration_given = false;
  uint64_t parsed_rate = 0;

  explicit RateSettings(bool bw) : bandwidth(bw) {}
  const char* burst_keyword() const { return bandwidth ? "BURST_BYTES" : "BURST_SIZE"; }
  /** Reads the arguments into *this; the caller completes args, then calls check(). */
  void read(Args& args);
  /** After Args::complete(): range and conflict checks. */
  int check(ErrorHandler* errh);
  /** Parses a "rate" handler write (unsigned or bandwidth). */
  bool parse_rate(const String& s, uint32_t& out, const ArgContext& ctx) const;
  /** Sizes the bucket for rate with the configured burst. */
  void apply(TokenBucket& tb) const;
  /** "2" or "200Bps". */
  String unparse_rate(const TokenBucket& tb) const;
};
CLICK_ENDDECLS
#endif
