// -*- c++ -*-
// RateEWMA: an arrival-rate estimate like Click's RateEWMA (per-second epochs,
// stability shift 4, i.e. each epoch's weight 1/16... Click uses jiffies
// epochs; we use 1/16-second epochs so rates settle within a second).
#ifndef NETSERV_CLICK_EWMA_HH
#define NETSERV_CLICK_EWMA_HH
#include <click/glue.hh>
#include <ctime>
CLICK_DECLS
class RateEWMA {
 public:
  enum { epoch_shift = 4, stability_shift = 4 };  // epoch = 1/16 s
  void reset() { avg_ = 0; count_ = 0; epoch_ = now_epoch(); started_ = false; }
  void update(uint64_t delta) {
    uint64_t e = now_epoch();
    if (!started_) { epoch_ = e; started_ = true; }
    if (e != epoch_) roll(e);
    count_ += delta;
  }
  /** Rate per second (scaled by `mul`, e.g. 8 for bits). */
  double rate(double mul = 1) const {
    uint64_t e = now_epoch();
    double avg = avg_;
    uint64_t cnt = count_;
    if (started_ && e != epoch_) {
      // fold the pending epoch and any idle epochs
      avg += (double(cnt) * (1 << epoch_shift) - avg) / (1 << stability_shift);
      uint64_t idle = e - epoch_ - 1;
      for (uint64_t i = 0; i < idle && i < 64; ++i) avg -= avg / (1 << stability_shift);
    }
    return avg * mul;
  }
  String unparse_rate(double mul = 1) const { return std::to_string(uint64_t(rate(mul) + 0.5)); }
 private:
  double avg_ = 0;
  uint64_t count_ = 0;
  uint64_t epoch_ = 0;
  bool started_ = false;
  void roll(uint64_t e) {
    avg_ += (double(count_) * (1 << epoch_shift) - avg_) / (1 << stability_shift);
    uint64_t idle = e - epoch_ - 1;
    for (uint64_t i = 0; i < idle && i < 64; ++i) avg_ -= avg_ / (1 << stability_shift);
    count_ = 0;
    epoch_ = e;
  }
  // Epochs are 1/16 s, so the coarse clock (a few ms resolution, no
  // syscall, a few ns) is precise enough and keeps Counter cheap per packet.
  static uint64_t now_epoch() {
    struct timespec ts;
    if (Timestamp::simulated_time()) {   // --simtime: the driver's clock
      Timestamp t = Timestamp::now_steady();
      ts.tv_sec = time_t(t.sec());
      ts.tv_nsec = t.nsec();
    } else
      clock_gettime(CLOCK_MONOTONIC_COARSE, &ts);
    // exactly 1 << epoch_shift epochs per second (tv_nsec >> 26 made ~14.9,
    // so rates read 7% high and epochs had unequal lengths)
    return (uint64_t(ts.tv_sec) << epoch_shift) | (uint64_t(ts.tv_nsec) * (1u << epoch_shift) / 1000000000u);
  }
};
CLICK_ENDDECLS
#endif
