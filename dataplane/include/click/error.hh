// -*- c++ -*-
// ErrorHandler, modelled on Click's <click/error.hh>: collects messages with
// an optional landmark ("conf.click:6") and counts errors.
//
//   return errh->error("bad thing %d", x);     // error() returns -EINVAL
//   ContextErrorHandler cerrh(errh, "While configuring %<x :: Foo%>:", landmark);
#ifndef NETSERV_CLICK_ERROR_HH
#define NETSERV_CLICK_ERROR_HH
#include <click/glue.hh>
#include <cstdarg>
CLICK_DECLS

class ErrorHandler {
 public:
  enum Level { e_error = 3, e_warning = 4, e_info = 6, e_debug = 7 };
  virtual ~ErrorHandler() = default;

  /** Reports an error; returns -EINVAL so callers can `return errh->error(...)`. */
  int error(const char* fmt, ...) __attribute__((format(printf, 2, 3)));
  void warning(const char* fmt, ...) __attribute__((format(printf, 2, 3)));
  void message(const char* fmt, ...) __attribute__((format(printf, 2, 3)));
  /** Same, attributed to a landmark ("file:line"). */
  int lerror(const String& landmark, const char* fmt, ...) __attribute__((format(printf, 3, 4)));
  void lwarning(const String& landmark, const char* fmt, ...) __attribute__((format(printf, 3, 4)));
  int verror(Level level, const String& landmark, const char* fmt, va_list val);
  /** Reports an already formatted message (no printf processing). */
  int xmessage(Level level, const String& landmark, const String& text);

  int nerrors() const { return nerrors_; }
  int nwarnings() const { return nwarnings_; }
  void reset_counts() { nerrors_ = nwarnings_ = 0; }

  /** Delivers one finished message (may contain newlines). Landmark may be empty. */
  virtual void emit(Level level, const String& landmark, const String& text) = 0;

  /** stderr handler, prefix "netserv-click: " is not added (Click prints bare). */
  static ErrorHandler* default_handler();
  /** Counts but prints nothing. */
  static ErrorHandler* silent_handler();

 protected:
  int nerrors_ = 0;
  int nwarnings_ = 0;
  void count(Level level) { if (level <= e_error) ++nerrors_; else if (level == e_warning) ++nwarnings_; }
};

/** Prints "landmark: text" lines to a FILE (stderr by default). */
class FileErrorHandler : public ErrorHandler {
 public:
  explicit FileErrorHandler(FILE* f, const String& prefix = String()) : f_(f), prefix_(prefix) {}
  void emit(Level level, const String& landmark, const String& text) override;
 private:
  FILE* f_;
  String prefix_;
};

/** Accumulates messages into a string (used by ControlSocket and tests). */
class StringErrorHandler : public ErrorHandler {
 public:
  void emit(Level level, const String& landmark, const String& text) override;
  const String& str() const { return text_; }
  void clear() { text_.clear(); reset_counts(); }
 private:
  String text_;
};

/** Forwards to a base handler, supplying a default landmark and, before the
 *  first message, a context line (e.g. "While configuring 'x :: Foo':");
 *  messages after a context line are indented by two spaces like Click's. */
class ContextErrorHandler : public ErrorHandler {
 public:
  ContextErrorHandler(ErrorHandler* base, const String& context, const String& landmark = String())
      : base_(base), context_(context), landmark_(landmark) {}
  void emit(Level level, const String& landmark, const String& text) override;
 private:
  ErrorHandler* base_;
  String context_;
  String landmark_;
  bool context_printed_ = false;
};

/** Prefixes every message with a fixed string. */
class PrefixErrorHandler : public ErrorHandler {
 public:
  PrefixErrorHandler(ErrorHandler* base, const String& prefix) : base_(base), prefix_(prefix) {}
  void emit(Level level, const String& landmark, const String& text) override;
 private:
  ErrorHandler* base_;
  String prefix_;
};

CLICK_ENDDECLS
#endif
