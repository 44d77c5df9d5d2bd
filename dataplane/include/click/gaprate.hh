// -*- c++ -*-
// GapRate: Click's rate limiter for "at most RATE events per second, evenly
// spaced" (<click/gaprate.hh>), used by Shaper and BandwidthShaper. Time is cut
// into seconds; within a second, event k may happen once the sub-second
// clock passes k gaps of 1/RATE s (in 1/4096-microsecond units, as Click),
// so the events of a second are spread over it. Rate 0 allows about one event.
//
//   GapRate r(1000);
//   if (r.need_update(Timestamp::now())) { ... send ...; r.update(); }
#ifndef NETSERV_CLICK_GAPRATE_HH
#define NETSERV_CLICK_GAPRATE_HH
#include <click/glue.hh>
#include <cstdint>
CLICK_DECLS

class GapRate {
 public:
  enum { UGAP_SHIFT = 12 };
  static constexpr uint32_t MAX_RATE = 1000000u << UGAP_SHIFT;

  GapRate() { init(0); }
  explicit GapRate(uint32_t r) { init(r > MAX_RATE ? MAX_RATE : r); }

  uint32_t rate() const { return rate_; }
  /** Changes the rate (clamped to MAX_RATE); a running count restarts from
   *  the current sub-second, as Click's. */
  void set_rate(uint32_t r) {
    if (r > MAX_RATE) r = MAX_RATE;
    if (r == rate_) return;
    init(r);
    if (sec_ >= 0 && r != 0) count_ = int64_t((uint64_t(Timestamp::now().usec()) << UGAP_SHIFT) / ugap_);
  }
  /** Starts over at the next need_update. */
  void reset() { sec_ = -1; }

  /** True if an event may happen at `now`. */
  bool need_update(const Timestamp& now) {
    uint64_t sub = uint64_t(now.usec()) << UGAP_SHIFT;
    uint32_t need = uint32_t(sub / ugap_);
    if (sec_ < 0) {
      // a fresh start: count the gaps already gone this second, rounding to
      // the nearest, so the next event is due at the next gap boundary
      sec_ = now.sec();
      count_ = int64_t(need) + ((sub - uint64_t(need) * ugap_) > ugap_ / 2 ? 1 : 0);
    } else if (now.sec() > sec_) {
      sec_ = now.sec();
      if (count_ > 0) count_ -= rate_;
    }
    return int64_t(need) >= count_;
  }
  /** Records an event. */
  void update() { ++count_; }

 private:
  void init(uint32_t r) { rate_ = r; ugap_ = r == 0 ? MAX_RATE + 1 : MAX_RATE / r; }
  uint32_t rate_ = 0;
  uint32_t ugap_ = MAX_RATE + 1;
  int64_t sec_ = -1;    // the second being counted (-1: not started)
  int64_t count_ = 0;   // events this second, less RATE per second elapsed
};

CLICK_ENDDECLS
#endif
