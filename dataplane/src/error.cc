// ErrorHandler implementations.
#include <click/error.hh>
#include <cerrno>
#include <cstdio>
CLICK_DECLS

static String vformat(const char* fmt, va_list val) {
  va_list v2;
  va_copy(v2, val);
  char buf[1024];
  int n = vsnprintf(buf, sizeof buf, fmt, v2);
  va_end(v2);
  if (n < int(sizeof buf)) return String(buf, n > 0 ? n : 0);
  String s(n + 1, '\0');
  vsnprintf(&s[0], n + 1, fmt, val);
  s.resize(n);
  return s;
}

// Click's %<...%> quote markers become typographic-free single quotes.
static String dequote(String s) {
  String out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 1 < s.size() && (s[i + 1] == '<' || s[i + 1] == '>')) { out.push_back('\''); ++i; }
    else out.push_back(s[i]);
  }
  return out;
}

int ErrorHandler::verror(Level level, const String& landmark, const char* fmt, va_list val) {
  String text = dequote(vformat(fmt, val));
  count(level);
  emit(level, landmark, text);
  return -EINVAL;
}

int ErrorHandler::xmessage(Level level, const String& landmark, const String& text) {
  count(level);
  emit(level, landmark, text);
  return -EINVAL;
}

#define ERRH_BODY(level, lm) va_list val; va_start(val, fmt); int r = verror(level, lm, fmt, val); va_end(val);
int ErrorHandler::error(const char* fmt, ...) { ERRH_BODY(e_error, String()); return r; }
void ErrorHandler::warning(const char* fmt, ...) { ERRH_BODY(e_warning, String()); (void)r; }
void ErrorHandler::message(const char* fmt, ...) { ERRH_BODY(e_info, String()); (void)r; }
int ErrorHandler::lerror(const String& lm, const char* fmt, ...) { ERRH_BODY(e_error, lm); return r; }
void ErrorHandler::lwarning(const String& lm, const char* fmt, ...) { ERRH_BODY(e_warning, lm); (void)r; }

static String decorate(ErrorHandler::Level level, const String& landmark, const String& text) {
  String prefix = landmark.empty() ? String() : landmark + ": ";
  String warn = (level == ErrorHandler::e_warning) ? "warning: " : "";
  String out;
  size_t b = 0;
  bool first = true;
  while (b <= text.size()) {
    size_t e = text.find('\n', b);
    if (e == String::npos) e = text.size();
    String line = text.substr(b, e - b);
    if (first && !warn.empty()) {
      size_t ind = line.find_first_not_of(' ');
      if (ind == String::npos) ind = line.size();
      line = line.substr(0, ind) + warn + line.substr(ind);
    }
    out += prefix + line + "\n";
    first = false;
    b = e + 1;
    if (e == text.size()) break;
  }
  return out;
}

void FileErrorHandler::emit(Level level, const String& landmark, const String& text) {
  String s = decorate(level, landmark, text);
  if (!prefix_.empty()) s = prefix_ + s;
  fwrite(s.data(), 1, s.size(), f_);
  fflush(f_);
}

void StringErrorHandler::emit(Level level, const String& landmark, const String& text) {
  text_ += decorate(level, landmark, text);
}

void ContextErrorHandler::emit(Level level, const String& landmark, const String& text) {
  const String& lm = landmark.empty() ? landmark_ : landmark;
  if (!context_printed_ && !context_.empty()) {
    base_->emit(e_info, lm, context_);
    context_printed_ = true;
  }
  // Click: the context line carries the landmark, the messages under it are
  // indented and carry none ("f.click:3: While configuring 'x :: C':" / "  bad").
  if (context_.empty()) base_->xmessage(level, lm, text);
  else base_->xmessage(level, String(), "  " + text);
  count(level);
}

void PrefixErrorHandler::emit(Level level, const String& landmark, const String& text) {
  base_->xmessage(level, landmark, prefix_ + text);
  count(level);
}

ErrorHandler* ErrorHandler::default_handler() {
  static FileErrorHandler h(stderr);
  return &h;
}
namespace {
class SilentErrorHandler : public ErrorHandler {
 public:
  void emit(Level, const String&, const String&) override {}
};
}  // namespace
ErrorHandler* ErrorHandler::silent_handler() {
  static SilentErrorHandler h;
  return &h;
}

CLICK_ENDDECLS
