// -*- c++ -*-
// Glue shared by the whole engine: Click-compatible names for the basic types
// so element code written against Click's API ports with few edits.
//
//   CLICK_DECLS / CLICK_ENDDECLS   open/close the engine namespace (netserv)
//   String, Vector                 std::string / std::vector
//   click_chatter(fmt, ...)        printf-style diagnostics to stderr
//   Timestamp                      seconds + nanoseconds (Click's nanotimestamp build)
#ifndef NETSERV_CLICK_GLUE_HH
#define NETSERV_CLICK_GLUE_HH
#include <cstdint>
#include <cstddef>
#include <string>
#include <vector>

#define CLICK_DECLS namespace netserv {
#define CLICK_ENDDECLS }
#define CLICK_USING_DECLS using namespace netserv;

#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)

CLICK_DECLS

typedef std::string String;
template <typename T> using Vector = std::vector<T>;

/** Prints a diagnostic line (a newline is added) on stderr, like Click's. */
void click_chatter(const char* fmt, ...) __attribute__((format(printf, 1, 2)));

/** Formats like printf into a String. */
String string_printf(const char* fmt, ...) __attribute__((format(printf, 1, 2)));

/** Click's random numbers: the C library's random() (as userlevel Click), so a
 *  seed (RandomSeed) gives the same sequence as Click's. */
uint32_t click_random();
/** A number between low and high inclusive, drawn as Click draws it (low if low >= high). */
uint32_t click_random(uint32_t low, uint32_t high);
void click_srandom(uint32_t seed);
/** Seeds from a source of true randomness. */
void click_random_srandom();

/** A point in time or an interval: seconds + nanoseconds, like Click's
 *  Timestamp in a nanosecond-precision build (the reference Click 2.1 was
 *  built that way: ToDump writes nanosecond pcaps). unparse() therefore
 *  prints "SEC.NNNNNNNNN" (9 digits) as that build does; unparse_usec() 6. */
class Timestamp {
 public:
  static constexpr int32_t nsec_per_sec = 1000000000;
  Timestamp() : sec_(0), nsec_(0) {}
  Timestamp(int64_t sec, int32_t nsec) : sec_(sec), nsec_(nsec) { normalize(); }
  static Timestamp make_sec(int64_t s) { return Timestamp(s, 0); }
  static Timestamp make_msec(int64_t ms) { return Timestamp(ms / 1000, int32_t(ms % 1000) * 1000000); }
  static Timestamp make_usec(int64_t s, int64_t us) { return Timestamp(s + us / 1000000, int32_t(us % 1000000) * 1000); }
  static Timestamp make_nsec(int64_t s, int64_t ns) { return Timestamp(s + ns / nsec_per_sec, int32_t(ns % nsec_per_sec)); }
  static Timestamp make_double(double d);
  /** Wall-clock time (CLOCK_REALTIME). */
  static Timestamp now();
  /** Monotonic time (CLOCK_MONOTONIC), used by timers. */
  static Timestamp now_steady();
  /** Simulated time (click --simtime): from now on now() starts at `start`
   *  (default 1000000000, as Click) and both clocks stand still until the
   *  driver warps them to the next event with warp_steady_to(). */
  static void enable_simulated_time(Timestamp start = Timestamp());
  static bool simulated_time();
  /** Simulated time only: advances both clocks so now_steady() == t (never backwards). */
  static void warp_steady_to(const Timestamp& t);

  int64_t sec() const { return sec_; }
  int32_t subsec() const { return nsec_; }
  int32_t nsec() const { return nsec_; }
  int32_t usec() const { return nsec_ / 1000; }
  int32_t msec() const { return nsec_ / 1000000; }
  int64_t msecval() const { return sec_ * 1000 + nsec_ / 1000000; }
  int64_t usecval() const { return sec_ * 1000000 + nsec_ / 1000; }
  int64_t nsecval() const { return sec_ * int64_t(nsec_per_sec) + nsec_; }
  double doubleval() const { return sec_ + nsec_ / 1e9; }
  explicit operator bool() const { return sec_ != 0 || nsec_ != 0; }
  String unparse() const;        // "S.NNNNNNNNN"
  String unparse_usec() const;   // "S.UUUUUU"
  String unparse_nsec() const;   // "S.NNNNNNNNN"
  String unparse_interval() const { return unparse(); }

  Timestamp& operator+=(const Timestamp& o) { sec_ += o.sec_; nsec_ += o.nsec_; normalize(); return *this; }
  Timestamp& operator-=(const Timestamp& o) { sec_ -= o.sec_; nsec_ -= o.nsec_; normalize(); return *this; }
  friend Timestamp operator+(Timestamp a, const Timestamp& b) { return a += b; }
  friend Timestamp operator-(Timestamp a, const Timestamp& b) { return a -= b; }
  friend bool operator==(const Timestamp& a, const Timestamp& b) { return a.sec_ == b.sec_ && a.nsec_ == b.nsec_; }
  friend bool operator!=(const Timestamp& a, const Timestamp& b) { return !(a == b); }
  friend bool operator<(const Timestamp& a, const Timestamp& b) { return a.sec_ < b.sec_ || (a.sec_ == b.sec_ && a.nsec_ < b.nsec_); }
  friend bool operator>(const Timestamp& a, const Timestamp& b) { return b < a; }
  friend bool operator<=(const Timestamp& a, const Timestamp& b) { return !(b < a); }
  friend bool operator>=(const Timestamp& a, const Timestamp& b) { return !(a < b); }

 private:
  void normalize() {
    if (nsec_ >= nsec_per_sec || nsec_ <= -nsec_per_sec) { sec_ += nsec_ / nsec_per_sec; nsec_ %= nsec_per_sec; }
    if (nsec_ < 0) { sec_ -= 1; nsec_ += nsec_per_sec; }
  }
  int64_t sec_;
  int32_t nsec_;
};

CLICK_ENDDECLS
#endif
