// -*- c++ -*-
// TokenBucket: Click's token bucket rate limiter (<click/tokenbucket.hh>),
// with the same fixed-point arithmetic so rates come out exactly as Click's:
// a bucket holds 32-bit "fractional tokens", one token being
// token_scale = 0xFFFFFFFF / capacity of them; time is counted in jiffies
// (1 ms, Click's userlevel CLICK_HZ) of the driver's clock, so --simtime works;
// each jiffy adds tokens_per_epoch = rate * token_scale / 1000 (rounded down).
// Rate 0 means unlimited (always contains), capacity 0 means idle (never).
//
//   TokenBucket tb(2, 1);    // 2 tokens/s, at most 1 token
//   tb.refill();
//   if (tb.contains(1)) { tb.remove(1); ... }
//   else timer.schedule_after(Timestamp::make_msec(tb.time_until_contains(1)));
#ifndef NETSERV_CLICK_TOKENBUCKET_HH
#define NETSERV_CLICK_TOKENBUCKET_HH
#include <click/glue.hh>
#include <cstdint>
CLICK_DECLS

class TokenBucket {
 public:
  typedef uint32_t token_type;
  static constexpr token_type max_tokens = 0xFFFFFFFFu;
  static constexpr unsigned epoch_frequency = 1000;   // jiffies per second

  /** An unlimited bucket. */
  TokenBucket() {}
  TokenBucket(token_type rate, token_type capacity) { assign(rate, capacity); }

  /** Sets rate (tokens/s) and capacity; the fill ratio is kept, as Click's. */
  void assign(token_type rate, token_type capacity) {
    if (rate == 0) { scale_ = 0; per_epoch_ = 1; epochs_to_fill_ = 1; return; }
    if (capacity == 0) { scale_ = 2; per_epoch_ = 0; epochs_to_fill_ = 0; return; }
    scale_ = max_tokens / capacity;
    uint64_t pe = uint64_t(rate) * scale_ / epoch_frequency;
    per_epoch_ = pe > max_tokens ? max_tokens : token_type(pe);
    if (per_epoch_ == 0) per_epoch_ = 1;
    epochs_to_fill_ = (max_tokens - 1) / per_epoch_ + 1;
  }

  bool unlimited() const { return scale_ == 0; }
  bool idle() const { return per_epoch_ == 0; }
  bool normal() const { return scale_ != 0 && per_epoch_ != 0; }

  /** The rate the fixed-point arithmetic represents, rounded to the nearest
   *  token (per_epoch_ is rounded down, so truncating would show 2 as 1). */
  token_type rate() const {
    if (!normal()) return 0;
    return token_type((uint64_t(per_epoch_) * epoch_frequency + scale_ / 2) / scale_);
  }
  token_type capacity() const {
    if (normal()) return max_tokens / scale_;
    return idle() ? 0 : max_tokens;
  }
  /** Whole tokens in the bucket. */
  token_type size() const {
    if (normal()) return tokens_ / scale_;
    return unlimited() ? max_tokens : 0;
  }
  bool empty() const { return normal() ? tokens_ == 0 : idle(); }
  bool full() const { return normal() ? tokens_ == max_tokens : unlimited(); }
  bool contains(token_type t) const {
    if (unlimited()) return true;
    if (idle()) return t == 0;
    return uint64_t(t) * scale_ <= tokens_;
  }

  void clear() { tokens_ = 0; }
  void set_full() { tokens_ = max_tokens; }
  void set(token_type t) {
    if (unlimited() || uint64_t(t) * scale_ > max_tokens) tokens_ = max_tokens;
    else tokens_ = t * scale_;
  }

  /** Adds the tokens earned since the last refill (capped at capacity). */
  void refill() { refill(now_epoch()); }
  void refill(uint64_t epoch) {
    uint64_t diff = epoch > epoch_ ? epoch - epoch_ : 0;
    if (diff >= epochs_to_fill_) tokens_ = max_tokens;
    else if (diff > 0) {
      uint64_t t = uint64_t(tokens_) + diff * per_epoch_;
      tokens_ = t > max_tokens ? max_tokens : token_type(t);
    }
    epoch_ = epoch;
  }

  /** Removes t tokens (to 0 if fewer). */
  void remove(token_type t) {
    uint64_t f = uint64_t(t) * scale_;
    tokens_ = f > tokens_ ? 0 : token_type(tokens_ - f);
  }
  bool remove_if(token_type t) {
    if (!contains(t)) return false;
    remove(t);
    return true;
  }

  /** Jiffies (ms) until contains(t); max for an idle bucket. */
  uint64_t time_until_contains(token_type t) const {
    if (!normal()) return idle() ? UINT64_MAX : 0;
    uint64_t f = uint64_t(t) * scale_;
    if (tokens_ >= f) return 0;
    return (f - tokens_ + per_epoch_ - 1) / per_epoch_;
  }

  /** The driver's clock in jiffies (simulated under --simtime). */
  static uint64_t now_epoch() { return uint64_t(Timestamp::now_steady().msecval()); }

 private:
  token_type per_epoch_ = 1;     // 0 iff idle
  token_type scale_ = 0;         // 0 iff unlimited
  uint64_t epochs_to_fill_ = 1;
  token_type tokens_ = max_tokens;   // starts full, as Click's
  uint64_t epoch_ = 0;
};

CLICK_ENDDECLS
#endif
