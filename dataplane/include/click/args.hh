// -*- c++ -*-
// Args: Click's fluent, type-safe configuration argument parser
// (<click/args.hh>). Keyword/positional rules are Click's:
//   - an argument "WORD rest" whose first word is [A-Za-z0-9_:.?!]+ followed by
//     space is a keyword argument; the LAST occurrence of a keyword wins;
//   - read_mp/read_p take the next positional argument (a mandatory positional
//     takes it even if it looks like a keyword when its keyword is absent);
//   - values are stored into the variables only when the whole parse succeeds
//     (complete()/consume()/execute() returns 0), else nothing changes.
//
//   int Counter::configure(Vector<String>& conf, ErrorHandler* errh) {
//     return Args(conf, this, errh)
//         .read_mp("LENGTH", _len)            // mandatory positional
//         .read_p("OFFSET", _off)             // optional positional
//         .read("STOP", _stop)                // keyword
//         .read_or_set("BURST", _burst, 1)
//         .read_mp("ADDR", IPPrefixArg(true), _addr, _mask)   // explicit parser
//         .complete();                        // errors on leftovers
//   }
//
// Types understood by read(KEY, T&) without an explicit parser: bool, all
// integer types, double, String,
// IPAddress, EtherAddress, Timestamp
// (seconds with optional unit: 1.5, 10ms, 2s, 1min). String uses StringArg
// (quotes removed, escapes processed). Explicit parsers:
// AnyArg (raw text), StringArg (cp_string), WordArg, KeywordArg,
// IPAddressArg, IPPrefixArg(allow_bare_address), EtherAddressArg,
// SecondsArg(fraction_digits) (to unsigned, e.g. msec with 3),
// TimestampArg, BandwidthArg (to bytes/sec), FilenameArg, ElementArg.
#ifndef NETSERV_CLICK_ARGS_HH
#define NETSERV_CLICK_ARGS_HH
#include <click/glue.hh>
#include <click/error.hh>
#include <click/ipaddress.hh>
#include <click/etheraddress.hh>
#include <functional>
#include <type_traits>
#include <limits>
#include <tuple>
#include <utility>
CLICK_DECLS

class Element;

/** Named addresses (Click's AddressInfo): elements that define names return
 *  this from cast("AddressLookup"); IPAddressArg, IPPrefixArg and
 *  EtherAddressArg consult every such element of the context's router when
 *  the text is not a literal address ("eth0", "eth0:ip", "eth0:ipnet",
 *  "eth0:bcast", "eth0:eth"). */
class AddressLookup {
 public:
  virtual ~AddressLookup() = default;
  /** IPv4 address (and prefix mask, /32 when the name has none). */
  virtual bool lookup_ip(const String& name, IPAddress& addr, IPAddress& mask) const = 0;
  virtual bool lookup_ether(const String& name, EtherAddress& ena) const = 0;
};

/** Where a parser reports problems; errors are prefixed "KEYWORD: ". */
class ArgContext {
 public:
  ArgContext(const Element* context, ErrorHandler* errh) : context_(context), errh_(errh) {}
  const Element* context() const { return context_; }
  ErrorHandler* errh() const { return errh_; }
  void error(const char* fmt, ...) const __attribute__((format(printf, 2, 3)));
  void warning(const char* fmt, ...) const __attribute__((format(printf, 2, 3)));
  /** True if no error was reported while parsing the current argument. */
  bool read_status() const { return read_status_; }
 protected:
  const Element* context_;
  ErrorHandler* errh_;
  const char* arg_keyword_ = nullptr;
  mutable bool read_status_ = true;
};

// ---- Parsers (each: bool parse(const String&, T&, const ArgContext&)) ----
struct AnyArg { bool parse(const String& s, String& out, const ArgContext&) const { out = s; return true; } };
struct StringArg { bool parse(const String& s, String& out, const ArgContext&) const; };
struct WordArg { bool parse(const String& s, String& out, const ArgContext&) const; };
struct KeywordArg { bool parse(const String& s, String& out, const ArgContext&) const; };
struct FilenameArg { bool parse(const String& s, String& out, const ArgContext&) const; };
struct BoolArg { bool parse(const String& s, bool& out, const ArgContext&) const; };
struct IntArg {
  explicit IntArg(int base = 0) : base(base) {}
  int base;
  bool parse(const String& s, int64_t& out, const ArgContext&) const;
  bool parse(const String& s, uint64_t& out, const ArgContext&) const;
  template <typename T> bool parse(const String& s, T& out, const ArgContext& c) const {
    static_assert(std::is_integral<T>::value, "integer");
    if (std::is_signed<T>::value) {
      int64_t v; if (!parse(s, v, c)) return false;
      if (v < int64_t(std::numeric_limits<T>::min()) || v > int64_t(std::numeric_limits<T>::max())) { c.error("out of range"); return false; }
      out = T(v); return true;
    } else {
      uint64_t v; if (!parse(s, v, c)) return false;
      if (v > uint64_t(std::numeric_limits<T>::max())) { c.error("out of range"); return false; }
      out = T(v); return true;
    }
  }
};
struct DoubleArg { bool parse(const String& s, double& out, const ArgContext&) const; };
struct IPAddressArg { bool parse(const String& s, IPAddress& out, const ArgContext&) const; };
struct IPPrefixArg {
  explicit IPPrefixArg(bool allow_bare_address = false) : allow_bare_address(allow_bare_address) {}
  bool allow_bare_address;
  bool parse(const String& s, IPAddress& addr, IPAddress& mask, const ArgContext&) const;
};
struct EtherAddressArg {
  bool parse(const String& s, EtherAddress& out, const ArgContext&) const;
  static bool parse_literal(const String& s, EtherAddress& out);
};
/** Seconds with optional unit suffix (s, sec, ms, msec, us, usec, ns, m, min, h, hr);
 *  stored as an integer count of 10^-fraction_digits seconds. */
struct SecondsArg {
  explicit SecondsArg(int fraction_digits = 0) : fraction_digits(fraction_digits) {}
  int fraction_digits;
  bool parse(const String& s, uint32_t& out, const ArgContext&) const;
  bool parse(const String& s, double& out, const ArgContext&) const;
};
struct TimestampArg { bool parse(const String& s, Timestamp& out, const ArgContext&) const; };
/** Bandwidth ("10Mbps", "1MBps", "1000" = bytes/s in Click) -> bytes/s. */
struct BandwidthArg { bool parse(const String& s, uint64_t& out, const ArgContext&) const; };
/** An element name, resolved relative to the context element's compound. */
struct ElementArg { bool parse(const String& s, Element*& out, const ArgContext&) const; };

// Default parser for a destination type.
template <typename T, typename Enable = void> struct DefaultArg;
template <> struct DefaultArg<bool> : BoolArg {};
template <typename T> struct DefaultArg<T, typename std::enable_if<std::is_integral<T>::value && !std::is_same<T, bool>::value>::type> : IntArg {};
template <> struct DefaultArg<double> : DoubleArg {};
template <> struct DefaultArg<String> : StringArg {};
template <> struct DefaultArg<IPAddress> : IPAddressArg {};
template <> struct DefaultArg<EtherAddress> : EtherAddressArg {};
template <> struct DefaultArg<Timestamp> : TimestampArg {};
template <> struct DefaultArg<Element*> : ElementArg {};

class Args : public ArgContext {
 public:
  enum { mandatory = 1, positional = 2, deprecated = 4 };
  /** Parses `conf` (copied; use bind() to strip consumed args from the caller's vector). */
  Args(const Vector<String>& conf, const Element* context, ErrorHandler* errh);
  Args(const Vector<String>& conf, ErrorHandler* errh) : Args(conf, nullptr, errh) {}
  Args(const Element* context, ErrorHandler* errh);
  /** Binds to conf: consume()/strip() remove the consumed arguments from it. */
  Args& bind(Vector<String>& conf);
  Args& push_back(const String& arg);
  Args& push_back_args(const String& str);  // split with cp_argvec

  /** Raw lookup (Click's Args::find): returns true and the value text if the
   *  argument is present; reports "required argument missing" if mandatory. */
  bool find(const char* keyword, int flags, String& value);

  template <typename P, typename... T> Args& read_with(const char* keyword, int flags, P parser, T&... x) {
    String s;
    if (find(keyword, flags, s)) {
      std::tuple<typename std::remove_reference<T>::type...> tmp;
      bool ok = std::apply([&](auto&... t) { return parser.parse(s, t..., *this); }, tmp);
      postparse(ok);
      if (ok && read_status_) {
        std::tuple<T*...> dst(&x...);
        commits_.push_back([dst, tmp]() { assign(dst, tmp, std::index_sequence_for<T...>()); });
      }
      last_present_ = true;
    } else {
      last_present_ = false;
      arg_keyword_ = nullptr;
    }
    return *this;
  }

  // Keyword (optional)
  template <typename T> Args& read(const char* k, T& x) { return read_with(k, 0, DefaultArg<T>(), x); }
  template <typename P, typename... T> Args& read(const char* k, P p, T&... x) { return read_with(k, 0, p, x...); }
  // Keyword, mandatory
  template <typename T> Args& read_m(const char* k, T& x) { return read_with(k, mandatory, DefaultArg<T>(), x); }
  template <typename P, typename... T> Args& read_m(const char* k, P p, T&... x) { return read_with(k, mandatory, p, x...); }
  // Positional (optional)
  template <typename T> Args& read_p(const char* k, T& x) { return read_with(k, positional, DefaultArg<T>(), x); }
  template <typename P, typename... T> Args& read_p(const char* k, P p, T&... x) { return read_with(k, positional, p, x...); }
  // Positional, mandatory
  template <typename T> Args& read_mp(const char* k, T& x) { return read_with(k, mandatory | positional, DefaultArg<T>(), x); }
  template <typename P, typename... T> Args& read_mp(const char* k, P p, T&... x) { return read_with(k, mandatory | positional, p, x...); }
  /** Like read, but sets x = default_value when the argument is absent. */
  template <typename T, typename V> Args& read_or_set(const char* k, T& x, const V& v) {
    read(k, x); if (!last_present_) { T* px = &x; T val = T(v); commits_.push_back([px, val]() { *px = val; }); } return *this; }
  template <typename T, typename V> Args& read_or_set_p(const char* k, T& x, const V& v) {
    read_p(k, x); if (!last_present_) { T* px = &x; T val = T(v); commits_.push_back([px, val]() { *px = val; }); } return *this; }
  /** Reads every occurrence of keyword k (in order) into a vector. */
  template <typename T> Args& read_all(const char* k, Vector<T>& out) { return read_all_with(k, DefaultArg<T>(), out); }
  template <typename P, typename T> Args& read_all_with(const char* k, P parser, Vector<T>& out) {
    Vector<T> vals; String s;
    while (find_next(k, s)) { T v; bool ok = parser.parse(s, v, *this); postparse(ok); if (ok) vals.push_back(v); }
    Vector<T>* po = &out; commits_.push_back([po, vals]() { *po = vals; });
    return *this;
  }
  /** True if the last read() found its argument. */
  bool read_status_present() const { return last_present_; }

  /** Errors on unconsumed arguments ("too many arguments", "X: unknown argument"),
   *  then execute(). Returns 0 or -EINVAL. */
  int complete();
  /** Stores values if everything parsed; returns 0 or -EINVAL. */
  int execute();
  /** Strips consumed arguments from a bound vector, then execute(). */
  int consume();
  Args& strip();
  bool status() const { return status_; }
  void error(const char* fmt, ...) __attribute__((format(printf, 2, 3)));
  Args(const Args&) = delete;
  Args& operator=(const Args&) = delete;

 private:
  Vector<String> own_;
  Vector<String>* conf_;
  Vector<int> kwpos_;
  bool status_ = true;
  bool last_present_ = false;
  Vector<std::function<void()>> commits_;
  void reset_from(int i);
  void postparse(bool ok);
  bool find_next(const char* keyword, String& value);
  template <typename D, typename S, size_t... I> static void assign(D& d, const S& s, std::index_sequence<I...>) {
    ((*std::get<I>(d) = std::get<I>(s)), ...);
  }
};

CLICK_ENDDECLS
#endif
