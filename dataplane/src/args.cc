// Args: Click's argument parser (lib/args.cc semantics) and the value parsers.
#include <click/args.hh>
#include <click/confparse.hh>
#include <click/element.hh>
#include <click/router.hh>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <arpa/inet.h>
CLICK_DECLS

void ArgContext::error(const char* fmt, ...) const {
  va_list val;
  va_start(val, fmt);
  if (errh_) {
    String f = (arg_keyword_ ? String(arg_keyword_) + ": " : String()) + fmt;
    errh_->verror(ErrorHandler::e_error, String(), f.c_str(), val);
  }
  va_end(val);
  read_status_ = false;
}
void ArgContext::warning(const char* fmt, ...) const {
  va_list val;
  va_start(val, fmt);
  if (errh_) {
    String f = (arg_keyword_ ? String(arg_keyword_) + ": " : String()) + fmt;
    errh_->verror(ErrorHandler::e_warning, String(), f.c_str(), val);
  }
  va_end(val);
}

Args::Args(const Vector<String>& conf, const Element* context, ErrorHandler* errh)
    : ArgContext(context, errh), own_(conf), conf_(&own_) { reset_from(0); }
Args::Args(const Element* context, ErrorHandler* errh) : ArgContext(context, errh), conf_(&own_) {}

Args& Args::bind(Vector<String>& conf) { conf_ = &conf; kwpos_.clear(); reset_from(0); return *this; }
Args& Args::push_back(const String& arg) { size_t n = conf_->size(); conf_->push_back(arg); reset_from(int(n)); return *this; }
Args& Args::push_back_args(const String& str) { size_t n = conf_->size(); cp_argvec(str, *conf_); reset_from(int(n)); return *this; }

void Args::reset_from(int i) {
  kwpos_.resize(i);
  for (size_t k = i; k < conf_->size(); ++k) {
    const String& a = (*conf_)[k];
    size_t s = 0;
    while (s < a.size() && (isalnum((unsigned char)a[s]) || a[s] == '_' || a[s] == ':' || a[s] == '.' || a[s] == '?' || a[s] == '!')) ++s;
    size_t t = s;
    while (t < a.size() && isspace((unsigned char)a[t])) ++t;
    // Keywords are uppercase in practice; Click checks only the shape.
    if (s == 0 || s == t || t == a.size()) kwpos_.push_back(0);
    else kwpos_.push_back(int(s));
  }
}

bool Args::find(const char* keyword, int flags, String& value) {
  arg_keyword_ = keyword;
  read_status_ = true;
  int klen = keyword ? int(strlen(keyword)) : 0;
  int got = -1, got_kwpos = -1, position = -1;
  for (int i = 0; i < int(kwpos_.size()); ++i) {
    if (position == -1 && kwpos_[i] != -1) position = (kwpos_[i] >= 0 ? i : -2);
    if (klen && kwpos_[i] == klen && memcmp((*conf_)[i].data(), keyword, klen) == 0) {
      got = i;
      got_kwpos = kwpos_[i];
      kwpos_[i] = -2;
    }
  }
  if ((flags & positional) && position >= 0 && kwpos_[position] >= 0 &&
      ((got < 0 && (flags & mandatory)) || kwpos_[position] == 0)) {
    if (got < position) { got = position; got_kwpos = 0; }
    kwpos_[position] = -1;
  }
  if (got < 0) {
    if (flags & mandatory) { error("required argument missing"); status_ = false; }
    read_status_ = false;
    return false;
  }
  const String& a = (*conf_)[got];
  if (got_kwpos) {
    size_t s = got_kwpos;
    while (s < a.size() && isspace((unsigned char)a[s])) ++s;
    value = a.substr(s);
  } else
    value = a;
  return true;
}

bool Args::find_next(const char* keyword, String& value) {
  int klen = int(strlen(keyword));
  arg_keyword_ = keyword;
  read_status_ = true;
  for (int i = 0; i < int(kwpos_.size()); ++i)
    if (kwpos_[i] == klen && memcmp((*conf_)[i].data(), keyword, klen) == 0) {
      const String& a = (*conf_)[i];
      size_t s = klen;
      while (s < a.size() && isspace((unsigned char)a[s])) ++s;
      value = a.substr(s);
      kwpos_[i] = -2;
      return true;
    }
  arg_keyword_ = nullptr;
  return false;
}

void Args::postparse(bool ok) {
  if (!ok && read_status_) error("type mismatch");
  if (!read_status_ || !ok) status_ = false;
  arg_keyword_ = nullptr;
}

void Args::error(const char* fmt, ...) {
  va_list val;
  va_start(val, fmt);
  if (errh_) {
    String f = (arg_keyword_ ? String(arg_keyword_) + ": " : String()) + fmt;
    errh_->verror(ErrorHandler::e_error, String(), f.c_str(), val);
  }
  va_end(val);
  read_status_ = false;
  status_ = false;
}

Args& Args::strip() {
  int delta = 0;
  for (int i = 0; i < int(kwpos_.size()); ++i)
    if (kwpos_[i] < 0) ++delta;
    else if (delta > 0) { (*conf_)[i - delta] = (*conf_)[i]; kwpos_[i - delta] = kwpos_[i]; }
  conf_->resize(kwpos_.size() - delta);
  kwpos_.resize(kwpos_.size() - delta);
  return *this;
}

int Args::complete() {
  bool too_many = false;
  for (int i = 0; i < int(kwpos_.size()); ++i)
    if (kwpos_[i] == 0) { too_many = true; status_ = false; }
    else if (kwpos_[i] > 0) {
      if (errh_) errh_->error("%.*s: unknown argument", kwpos_[i], (*conf_)[i].data());
      status_ = false;
    }
  if (too_many && errh_) errh_->error("too many arguments");
  return execute();
}

int Args::execute() {
  if (!status_) { commits_.clear(); return -EINVAL; }
  for (auto& c : commits_) c();
  commits_.clear();
  return 0;
}

int Args::consume() {
  if (status_) strip();
  return execute();
}

// ---------------------------------------------------------------- parsers

bool StringArg::parse(const String& s, String& out, const ArgContext&) const {
  out = cp_unquote(s);
  return true;
}
bool WordArg::parse(const String& s, String& out, const ArgContext&) const {
  String u = cp_unquote(s);
  if (u.empty()) return false;
  for (char c : u) if (isspace((unsigned char)c)) return false;
  out = u;
  return true;
}
bool KeywordArg::parse(const String& s, String& out, const ArgContext&) const {
  if (s.empty()) return false;
  for (char c : s) if (!(isalnum((unsigned char)c) || c == '_' || c == '.' || c == ':')) return false;
  out = s;
  return true;
}
bool FilenameArg::parse(const String& s, String& out, const ArgContext&) const {
  String u = cp_unquote(s);
  if (u.empty()) return false;
  if (u[0] == '~' && (u.size() == 1 || u[1] == '/')) {
    const char* home = getenv("HOME");
    if (home) u = String(home) + u.substr(1);
  }
  out = u;
  return true;
}
bool BoolArg::parse(const String& s, bool& out, const ArgContext&) const { return cp_bool(s, &out); }

bool IntArg::parse(const String& s, int64_t& out, const ArgContext& c) const {
  if (s.empty()) return false;
  const char* b = s.c_str();
  char* e;
  errno = 0;
  long long v = strtoll(b, &e, base);
  if (*e || e == b || isspace((unsigned char)b[0])) return false;
  if (errno == ERANGE) { c.error("out of range"); return false; }
  out = v;
  return true;
}
bool IntArg::parse(const String& s, uint64_t& out, const ArgContext& c) const {
  if (s.empty() || s[0] == '-' || isspace((unsigned char)s[0])) return false;
  const char* b = s.c_str();
  char* e;
  errno = 0;
  unsigned long long v = strtoull(b, &e, base);
  if (*e || e == b) return false;
  if (errno == ERANGE) { c.error("out of range"); return false; }
  out = v;
  return true;
}
bool DoubleArg::parse(const String& s, double& out, const ArgContext&) const {
  if (s.empty()) return false;
  char* e;
  double v = strtod(s.c_str(), &e);
  if (*e) return false;
  out = v;
  return true;
}

// Dotted quad; with allow_short (the address part of a prefix, as Click's
// IPPrefixArg) 1-3 components are accepted and the rest are zero ("10/8", "0/0").
static bool parse_ip(const String& s, IPAddress& out, bool allow_short = false) {
  int parts = 0;
  uint32_t v[4] = {0, 0, 0, 0};
  size_t i = 0;
  while (parts < 4) {
    if (i >= s.size() || !isdigit((unsigned char)s[i])) return false;
    uint32_t x = 0;
    int nd = 0;
    while (i < s.size() && isdigit((unsigned char)s[i])) { x = x * 10 + (s[i] - '0'); ++i; if (++nd > 3) return false; }
    if (x > 255) return false;
    v[parts++] = x;
    if (i == s.size()) break;
    if (s[i] != '.') return false;
    ++i;
  }
  if ((parts != 4 && !allow_short) || parts < 1 || i != s.size()) return false;
  unsigned char b[4] = {(unsigned char)v[0], (unsigned char)v[1], (unsigned char)v[2], (unsigned char)v[3]};
  out = IPAddress(b);
  return true;
}

// Named addresses: ask every AddressLookup element (AddressInfo) of the router.
static bool lookup_named_ip(const String& s, const ArgContext& c, IPAddress& addr, IPAddress& mask) {
  const Element* ctx = c.context();
  if (!ctx || !ctx->router() || s.empty()) return false;
  Router* r = ctx->router();
  for (int i = 0; i < r->nelements(); ++i)
    if (void* v = r->element(i)->cast("AddressLookup"))
      if (static_cast<AddressLookup*>(v)->lookup_ip(s, addr, mask)) return true;
  return false;
}
static bool lookup_named_ether(const String& s, const ArgContext& c, EtherAddress& e) {
  const Element* ctx = c.context();
  if (!ctx || !ctx->router() || s.empty()) return false;
  Router* r = ctx->router();
  for (int i = 0; i < r->nelements(); ++i)
    if (void* v = r->element(i)->cast("AddressLookup"))
      if (static_cast<AddressLookup*>(v)->lookup_ether(s, e)) return true;
  return false;
}

bool IPAddressArg::parse(const String& s, IPAddress& out, const ArgContext& c) const {
  if (parse_ip(s, out)) return true;
  IPAddress a, m;
  if (lookup_named_ip(s, c, a, m)) { out = a; return true; }
  return false;
}

bool IPPrefixArg::parse(const String& s, IPAddress& addr, IPAddress& mask, const ArgContext& c) const {
  size_t slash = s.find('/');
  if (slash == String::npos) {
    IPAddress a, m;
    if (parse_ip(s, a)) {
      if (!allow_bare_address) return false;
      addr = a;
      mask = IPAddress(0xFFFFFFFFU);
      return true;
    }
    // a named prefix ("eth0" defined as 10.0.0.1/24) is a prefix; a named
    // bare address only where bare addresses are allowed
    // Click: where a bare address is allowed, a name is its address (/32);
    // NAME:ipnet names the prefix.
    if (!lookup_named_ip(s, c, a, m)) return false;
    if (m.addr() == 0xFFFFFFFFU && !allow_bare_address) return false;
    addr = a;
    mask = allow_bare_address && s.find(':') == String::npos ? IPAddress(0xFFFFFFFFU) : m;
    return true;
  }
  IPAddress a, m;
  if (!parse_ip(s.substr(0, slash), a, true)) return false;
  String ms = s.substr(slash + 1);
  if (!ms.empty() && ms.find('.') == String::npos) {
    char* e;
    long n = strtol(ms.c_str(), &e, 10);
    if (*e || n < 0 || n > 32 || !isdigit((unsigned char)ms[0])) return false;
    m = IPAddress::make_prefix(int(n));
  } else if (!parse_ip(ms, m))
    return false;
  addr = a;
  mask = m;
  return true;
}

bool EtherAddressArg::parse_literal(const String& s, EtherAddress& out) {
  // 00:11:22:33:44:55 or 00-11-22-33-44-55 (1 or 2 hex digits per byte)
  unsigned char b[6];
  size_t i = 0;
  for (int k = 0; k < 6; ++k) {
    int v = 0, nd = 0;
    while (i < s.size() && isxdigit((unsigned char)s[i]) && nd < 2) {
      char ch = s[i];
      v = v * 16 + (isdigit((unsigned char)ch) ? ch - '0' : (tolower(ch) - 'a' + 10));
      ++i; ++nd;
    }
    if (nd == 0) return false;
    b[k] = (unsigned char)v;
    if (k < 5) {
      if (i >= s.size() || (s[i] != ':' && s[i] != '-')) return false;
      ++i;
    }
  }
  if (i != s.size()) return false;
  out = EtherAddress(b);
  return true;
}

bool EtherAddressArg::parse(const String& s, EtherAddress& out, const ArgContext& c) const {
  if (parse_literal(s, out)) return true;
  return lookup_named_ether(s, c, out);
}

// Parses "1.5", "10ms", "2 s", "1min" into seconds (as a double).
static bool parse_seconds(const String& s0, double& out) {
  String s = cp_trim(s0);
  if (s.empty()) return false;
  char* e;
  double v = strtod(s.c_str(), &e);
  if (e == s.c_str()) return false;
  String unit = cp_trim(String(e));
  double mul;
  if (unit.empty() || unit == "s" || unit == "sec" || unit == "secs") mul = 1;
  else if (unit == "ms" || unit == "msec" || unit == "msecs") mul = 1e-3;
  else if (unit == "us" || unit == "usec" || unit == "usecs") mul = 1e-6;
  else if (unit == "ns" || unit == "nsec" || unit == "nsecs") mul = 1e-9;
  else if (unit == "m" || unit == "min" || unit == "mins") mul = 60;
  else if (unit == "h" || unit == "hr" || unit == "hrs") mul = 3600;
  else if (unit == "d" || unit == "day" || unit == "days") mul = 86400;
  else return false;
  if (v < 0) return false;
  out = v * mul;
  return true;
}

bool SecondsArg::parse(const String& s, uint32_t& out, const ArgContext& c) const {
  double d;
  if (!parse_seconds(s, d)) return false;
  double v = d * std::pow(10.0, fraction_digits);
  if (v > 4294967295.0) { c.error("out of range"); return false; }
  out = uint32_t(std::llround(v));
  return true;
}
bool SecondsArg::parse(const String& s, double& out, const ArgContext&) const { return parse_seconds(s, out); }

bool TimestampArg::parse(const String& s, Timestamp& out, const ArgContext&) const {
  double d;
  String t = cp_trim(s);
  if (!t.empty() && t[0] == '+') t = t.substr(1);   // "+1.5", as Click's signed TimestampArg
  bool neg = !t.empty() && t[0] == '-';
  if (!parse_seconds(neg ? t.substr(1) : t, d)) return false;
  // exact decimal parse for plain "S.FFFFFFFFF" to avoid double rounding
  size_t dot = t.find('.');
  bool plain = t.find_first_not_of("-0123456789.") == String::npos;
  if (plain && dot != String::npos) {
    String ip = t.substr(neg ? 1 : 0, dot - (neg ? 1 : 0)), fp = t.substr(dot + 1);
    if (fp.size() > 9) fp = fp.substr(0, 9);
    while (fp.size() < 9) fp.push_back('0');
    Timestamp ts(ip.empty() ? 0 : atoll(ip.c_str()), atoi(fp.c_str()));
    out = neg ? Timestamp() - ts : ts;
    return true;
  }
  Timestamp ts = Timestamp::make_double(d);
  out = neg ? Timestamp() - ts : ts;
  return true;
}

bool BandwidthArg::parse(const String& s, uint64_t& out, const ArgContext&) const {
  String t = cp_trim(s);
  char* e;
  double v = strtod(t.c_str(), &e);
  if (e == t.c_str() || v < 0) return false;
  String unit = cp_trim(String(e));
  double mul = 1;
  // Click: "bps" = bits/s, "Bps" = bytes/s, bare number = bytes/s; k/M/G prefixes (decimal).
  size_t u = 0;
  if (u < unit.size()) {
    char p = unit[u];
    if (p == 'k' || p == 'K') { mul = 1e3; ++u; }
    else if (p == 'M') { mul = 1e6; ++u; }
    else if (p == 'G') { mul = 1e9; ++u; }
  }
  String rest = unit.substr(u);
  if (rest == "bps" || rest == "b/s") mul /= 8;
  else if (rest == "Bps" || rest == "B/s" || rest.empty()) {}
  else return false;
  out = uint64_t(std::llround(v * mul));
  return true;
}

bool ElementArg::parse(const String& s, Element*& out, const ArgContext& c) const {
  const Element* ctx = c.context();
  if (!ctx || !ctx->router()) return false;
  Element* e = ctx->router()->find(cp_unquote(s), ctx->compound_prefix());
  if (!e) { c.error("no element named '%s'", s.c_str()); return false; }
  out = e;
  return true;
}

CLICK_ENDDECLS
