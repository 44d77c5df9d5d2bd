// Basic values: diagnostics, Timestamp, IPAddress, EtherAddress.
#include <click/glue.hh>
#include <click/ipaddress.hh>
#include <click/etheraddress.hh>
#include <cstdarg>
#include <cstdlib>
#include <unistd.h>
#include <cstdio>
#include <cmath>
#include <ctime>
CLICK_DECLS

void click_chatter(const char* fmt, ...) {
  va_list val;
  va_start(val, fmt);
  String s;
  char buf[1024];
  int n = vsnprintf(buf, sizeof buf, fmt, val);
  va_end(val);
  if (n >= int(sizeof buf)) {
    s.resize(n + 1);
    va_start(val, fmt);
    vsnprintf(&s[0], n + 1, fmt, val);
    va_end(val);
    s.resize(n);
  } else
    s.assign(buf, n > 0 ? n : 0);
  if (s.empty() || s.back() != '\n') s.push_back('\n');
  fwrite(s.data(), 1, s.size(), stderr);
  fflush(stderr);
}

uint32_t click_random() { return uint32_t(random()); }

uint32_t click_random(uint32_t low, uint32_t high) {
  if (low >= high) return low;
  const uint32_t rand_max = 0x7FFFFFFFU;   // RAND_MAX of random()
  uint32_t r;
  if (high - low > rand_max) {
    while ((r = (click_random() << 17) ^ (click_random() >> 14)) > high - low) {}
    return r + low;
  }
  if (high == low + 1) return low + ((click_random() >> 14) & 1);
  // equal-sized buckets; draws past the last whole bucket are redrawn (no bias)
  uint32_t count = (rand_max + 1) / (high - low + 1), max = count * (high - low + 1);
  while ((r = click_random()) >= max) {}
  return r / count + low;
}

void click_srandom(uint32_t seed) { srandom(seed); }

void click_random_srandom() {
  uint32_t seed = 0;
  FILE* f = fopen("/dev/urandom", "rb");
  if (!f || fread(&seed, sizeof seed, 1, f) != 1) seed = uint32_t(getpid()) ^ uint32_t(Timestamp::now().usecval());
  if (f) fclose(f);
  click_srandom(seed);
}

String string_printf(const char* fmt, ...) {
  va_list val;
  va_start(val, fmt);
  char buf[512];
  int n = vsnprintf(buf, sizeof buf, fmt, val);
  va_end(val);
  if (n < int(sizeof buf)) return String(buf, n > 0 ? n : 0);
  String s(n + 1, '\0');
  va_start(val, fmt);
  vsnprintf(&s[0], n + 1, fmt, val);
  va_end(val);
  s.resize(n);
  return s;
}

Timestamp Timestamp::make_double(double d) {
  double fs = std::floor(d);
  return Timestamp(int64_t(fs), int32_t(std::llround((d - fs) * 1e9)));
}
// Simulated clocks: steady time is an offset from a fixed origin; wall time
// is the start plus the same offset, so intervals agree on both clocks.
static bool sim_enabled = false;
static Timestamp sim_wall_start, sim_steady_origin, sim_steady;
void Timestamp::enable_simulated_time(Timestamp start) {
  if (!start) start = Timestamp::make_sec(1000000000);
  sim_steady_origin = sim_steady = Timestamp::make_sec(1000000);
  sim_wall_start = start;
  sim_enabled = true;
}
bool Timestamp::simulated_time() { return sim_enabled; }
void Timestamp::warp_steady_to(const Timestamp& t) {
  if (sim_enabled && t > sim_steady) sim_steady = t;
}
Timestamp Timestamp::now() {
  if (sim_enabled) return sim_wall_start + (sim_steady - sim_steady_origin);
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  return Timestamp(ts.tv_sec, int32_t(ts.tv_nsec));
}
Timestamp Timestamp::now_steady() {
  if (sim_enabled) return sim_steady;
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return Timestamp(ts.tv_sec, int32_t(ts.tv_nsec));
}
String Timestamp::unparse() const {
  if (sec_ < 0 && nsec_ > 0) {
    Timestamp p(-sec_ - 1, nsec_per_sec - nsec_);
    return "-" + p.unparse();
  }
  return string_printf("%lld.%09d", (long long)sec_, nsec_);
}
String Timestamp::unparse_usec() const {
  if (sec_ < 0 && nsec_ > 0) return "-" + Timestamp(-sec_ - 1, nsec_per_sec - nsec_).unparse_usec();
  return string_printf("%lld.%06d", (long long)sec_, nsec_ / 1000);
}
String Timestamp::unparse_nsec() const { return string_printf("%lld.%09d", (long long)sec_, nsec_); }

IPAddress::IPAddress(const unsigned char* b) { std::memcpy(&addr_, b, 4); }
IPAddress IPAddress::make_prefix(int len) {
  if (len <= 0) return IPAddress(0U);
  if (len >= 32) return IPAddress(0xFFFFFFFFU);
  return IPAddress(htonl(0xFFFFFFFFU << (32 - len)));
}
int IPAddress::mask_to_prefix_len() const {
  uint32_t h = ntohl(addr_);
  int n = __builtin_popcount(h);
  if (make_prefix(n).addr_ == addr_) return n;
  return -1;
}
String IPAddress::unparse() const {
  const unsigned char* p = data();
  return string_printf("%u.%u.%u.%u", p[0], p[1], p[2], p[3]);
}
String IPAddress::unparse_mask() const {
  int n = mask_to_prefix_len();
  return n >= 0 ? std::to_string(n) : unparse();
}
String IPAddress::unparse_with_mask(IPAddress mask) const { return unparse() + "/" + mask.unparse_mask(); }

String EtherAddress::unparse() const {
  return string_printf("%02X-%02X-%02X-%02X-%02X-%02X", a_[0], a_[1], a_[2], a_[3], a_[4], a_[5]);
}
String EtherAddress::unparse_colon() const {
  return string_printf("%02x:%02x:%02x:%02x:%02x:%02x", a_[0], a_[1], a_[2], a_[3], a_[4], a_[5]);
}

CLICK_ENDDECLS
