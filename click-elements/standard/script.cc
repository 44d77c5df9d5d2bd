// Script. See script.hh.
#include "script.hh"
#include <click/args.hh>
#include <click/confparse.hh>
#include <click/router.hh>
#include <arpa/inet.h>
#include <algorithm>
#include <cerrno>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <random>
#include <sstream>
#include <sys/signalfd.h>
#include <unistd.h>
CLICK_DECLS

namespace {
const int max_jumps = 1000;

struct OpName { const char* name; int op; };

// A number as Script's arithmetic reads it: integer when it is one, else real.
struct Num {
  bool is_int = true;
  long long i = 0;
  double d = 0;
  double real() const { return is_int ? double(i) : d; }
};

bool parse_num(const String& s, Num& n) {
  String t = cp_trim(s);
  if (t.empty()) return false;
  char* end;
  errno = 0;
  long long v = strtoll(t.c_str(), &end, 0);
  if (!*end && errno == 0) { n.is_int = true; n.i = v; return true; }
  double d = strtod(t.c_str(), &end);
  if (*end) return false;
  n.is_int = false; n.d = d;
  return true;
}

// One layer of quotes off, like Click's cp_unquote; text without quotes is
// kept byte for byte (it may be a handler value with leading white space).
String unquote(const String& s) {
  return s.find_first_of("\"'\\") == String::npos ? s : cp_unquote(s);
}

String unparse_num(const Num& n) {
  if (n.is_int) return std::to_string(n.i);
  if (std::isfinite(n.d) && n.d == std::floor(n.d) && std::fabs(n.d) < 9e15) return std::to_string((long long)n.d);
  char buf[64];
  snprintf(buf, sizeof buf, "%.12g", n.d);
  return buf;
}

int signal_number(const String& s) {
  static const std::pair<const char*, int> names[] = {
    {"HUP", SIGHUP}, {"INT", SIGINT}, {"QUIT", SIGQUIT}, {"USR1", SIGUSR1}, {"USR2", SIGUSR2},
    {"TERM", SIGTERM}, {"ALRM", SIGALRM}, {"CHLD", SIGCHLD}, {"PIPE", SIGPIPE}, {"CONT", SIGCONT},
    {"WINCH", SIGWINCH}, {"TSTP", SIGTSTP}};
  String t = s;
  if (t.compare(0, 3, "SIG") == 0) t = t.substr(3);
  for (auto& n : names) if (t == n.first) return n.second;
  char* end;
  long v = strtol(s.c_str(), &end, 10);
  return (!s.empty() && !*end && v > 0 && v < NSIG) ? int(v) : -1;
}
}  // namespace

Script::Script() : timer_(this) {}
Script::~Script() {}

int Script::configure(Vector<String>& conf, ErrorHandler* errh) {
  String type_arg;
  Args args(this, errh);
  args.bind(conf);
  if (args.read("TYPE", AnyArg(), type_arg).consume() < 0) return -EINVAL;
  if (!type_arg.empty()) {
    Vector<String> w;
    cp_spacevec(type_arg, w);
    String t = w.empty() ? String() : w[0];
    for (auto& c : t) c = toupper((unsigned char)c);
    if (t == "ACTIVE") type_ = T_ACTIVE;
    else if (t == "PASSIVE") type_ = T_PASSIVE;
    else if (t == "DRIVER") type_ = T_DRIVER;
    else if (t == "PACKET") type_ = T_PACKET;
    else if (t == "PROXY") type_ = T_PROXY;
    else if (t == "SIGNAL") {
      type_ = T_SIGNAL;
      for (size_t k = 1; k < w.size(); ++k) {
        int s = signal_number(w[k]);
        if (s < 0) return errh->error("TYPE: unknown signal '%s'", w[k].c_str());
        signos_.push_back(s);
      }
      if (signos_.empty()) return errh->error("TYPE: SIGNAL needs at least one signal");
    } else
      return errh->error("TYPE: bad script type '%s' (expected ACTIVE, PASSIVE, DRIVER, SIGNAL, PACKET or PROXY)", type_arg.c_str());
    if (type_ != T_SIGNAL && w.size() > 1) return errh->error("TYPE: too many arguments");
  }

  static const OpName ops[] = {
    {"set", I_SET}, {"setq", I_SETQ}, {"init", I_INIT}, {"initq", I_INITQ}, {"export", I_EXPORT},
    {"exportq", I_EXPORTQ}, {"print", I_PRINT}, {"printn", I_PRINTN}, {"read", I_READ},
    {"readq", I_READQ}, {"write", I_WRITE}, {"writeq", I_WRITEQ}, {"wait", I_WAIT},
    {"pause", I_PAUSE}, {"label", I_LABEL}, {"goto", I_GOTO}, {"loop", I_LOOP}, {"stop", I_STOP},
    {"end", I_END}, {"exit", I_EXIT}, {"return", I_RETURN}, {"returnq", I_RETURNQ},
    {"error", I_ERROR}, {"errorq", I_ERRORQ}};
  insns_.clear();
  for (auto& a : conf) {
    String rest = cp_uncomment(a);
    if (rest.empty()) continue;
    String word = cp_shift_spacevec(rest);
    int op = -1;
    for (auto& o : ops) if (word == o.name) op = o.op;
    if (op < 0) return errh->error("unknown instruction '%s'", word.c_str());
    Insn in{Op(op), rest};
    switch (in.op) {
      case I_SET: case I_SETQ: case I_INIT: case I_INITQ: case I_EXPORT: case I_EXPORTQ: {
        String r = rest, var = cp_shift_spacevec(r);
        if (var.empty()) return errh->error("'%s' needs a variable name", word.c_str());
        for (char c : var) if (!isalnum((unsigned char)c) && c != '_') return errh->error("bad variable name '%s'", var.c_str());
        if (in.op == I_EXPORT || in.op == I_EXPORTQ) exports_.push_back(var);
        break;
      }
      case I_LABEL:
        if (rest.empty() || rest.find_first_of(" \t\n") != String::npos) return errh->error("syntax error at 'label'");
        break;
      case I_GOTO:
        if (rest.empty()) return errh->error("syntax error at 'goto'");
        break;
      case I_LOOP: case I_END: case I_EXIT:
        if (!rest.empty()) return errh->error("'%s' takes no arguments", word.c_str());
        break;
      case I_PAUSE:
        if (!rest.empty()) { uint32_t n; if (!IntArg().parse(rest, n, ArgContext(this, errh))) return errh->error("syntax error at 'pause'"); }
        break;
      default: break;
    }
    insns_.push_back(in);
  }
  for (auto& in : insns_)
    if (in.op == I_GOTO) {
      String r = in.arg, l = cp_shift_spacevec(r);
      if (find_label(l) == -1) return errh->error("no such label '%s'", l.c_str());
    }
  return 0;
}

int Script::find_label(const String& l) const {
  if (l == "begin") return 0;
  if (l == "end" || l == "exit" || l == "error") return -2;
  for (size_t i = 0; i < insns_.size(); ++i)
    if (insns_[i].op == I_LABEL && insns_[i].arg == l) return int(i);
  return -1;
}

int Script::initialize(ErrorHandler* errh) {
  for (auto& in : insns_)
    if (in.op == I_INIT || in.op == I_INITQ || in.op == I_EXPORT || in.op == I_EXPORTQ) {
      String r = in.arg, var = cp_shift_spacevec(r);
      String v = expand(r);
      vars_[var] = (in.op == I_INITQ || in.op == I_EXPORTQ) ? unquote(v) : v;
    }
  timer_.initialize(this);
  if (type_ == T_ACTIVE || type_ == T_DRIVER) timer_.schedule_now();
  if (type_ == T_DRIVER)
    router()->set_stop_hook([this]() {   // stop events do not stop the driver while the script runs
      if (done_) return false;
      router()->set_runcount(1);
      return true;
    });
  if (type_ == T_SIGNAL) {
    // One signalfd for every signal Script of the process: a signal is read
    // once, so all the scripts waiting for it run from that one read.
    sigset_t set;
    sigemptyset(&set);
    for (Script* o : signal_scripts()) for (int sg : o->signos_) sigaddset(&set, sg);
    for (int sg : signos_) sigaddset(&set, sg);
    if (sigprocmask(SIG_BLOCK, &set, nullptr) < 0) return errh->error("sigprocmask: %s", strerror(errno));
    bool owner = signal_scripts().empty();
    int fd = signalfd(owner ? -1 : signal_scripts()[0]->sigfd_, &set, SFD_NONBLOCK | SFD_CLOEXEC);
    if (fd < 0) return errh->error("signalfd: %s", strerror(errno));
    if (owner) { sigfd_ = fd; add_select(sigfd_, SELECT_READ); }
    signal_scripts().push_back(this);
  }
  return 0;
}

Vector<Script*>& Script::signal_scripts() {
  static Vector<Script*> scripts;
  return scripts;
}

void Script::cleanup(CleanupStage) {
  auto& all = signal_scripts();
  all.erase(std::remove(all.begin(), all.end(), this), all.end());
  if (sigfd_ >= 0) {
    remove_select(sigfd_, SELECT_READ);
    if (!all.empty()) { all[0]->sigfd_ = sigfd_; all[0]->add_select(sigfd_, SELECT_READ); }
    else close(sigfd_);
    sigfd_ = -1;
  }
}

// `exit' in a signal script: its signals get their default action again
// (unless another signal script still wants them).
void Script::uninstall_signals() {
  auto& all = signal_scripts();
  all.erase(std::remove(all.begin(), all.end(), this), all.end());
  sigset_t keep, drop;
  sigemptyset(&keep);
  sigemptyset(&drop);
  for (Script* o : all) for (int sg : o->signos_) sigaddset(&keep, sg);
  for (int sg : signos_) if (!sigismember(&keep, sg)) sigaddset(&drop, sg);
  int fd = sigfd_ >= 0 ? sigfd_ : (all.empty() ? -1 : all[0]->sigfd_);
  if (fd >= 0) signalfd(fd, &keep, SFD_NONBLOCK | SFD_CLOEXEC);
  for (int sg : signos_) if (sigismember(&drop, sg)) signal(sg, SIG_DFL);
  sigprocmask(SIG_UNBLOCK, &drop, nullptr);
}

void Script::selected(int fd, int) {
  struct signalfd_siginfo si;
  while (read(fd, &si, sizeof si) == ssize_t(sizeof si)) {
    Vector<Script*> all = signal_scripts();
    for (Script* sc : all)
      if (std::find(sc->signos_.begin(), sc->signos_.end(), int(si.ssi_signo)) != sc->signos_.end() && !sc->blocked_ &&
          sc->run(0) == R_EXIT)
        sc->uninstall_signals();
  }
}

void Script::run_timer(Timer*) {
  if (blocked_) { blocked_ = false; run(pc_ + 1); return; }   // a wait TIME is over
  if (!done_ && (type_ == T_ACTIVE || type_ == T_DRIVER)) run(0);
}

void Script::push(int port, Packet* p) {
  run_args_ = std::to_string(port);
  Outcome o = run(0);
  if (o == R_EXIT || o == R_ERROR) { p->kill(); return; }
  int out = 0;
  if (o == R_RETURN) {
    Num n;
    if (!parse_num(return_value_, n) || !n.is_int) { p->kill(); return; }
    out = int(n.i);
  }
  checked_output_push(out, p);
}

// Long by design: one dispatch over Script's instruction set (wait, write, goto, loop, …), as
// Click's Script::step; split up, the language's control flow would be spread over many helpers.
Script::Outcome Script::run(int from) {
  ErrorHandler* errh = ErrorHandler::default_handler();
  int jumps = 0;
  return_value_.clear();
  for (pc_ = from; pc_ < int(insns_.size());) {
    const Insn& in = insns_[pc_];
    switch (in.op) {
      case I_SET: case I_SETQ: {
        String r = in.arg, var = cp_shift_spacevec(r);
        String v = expand(r);
        vars_[var] = in.op == I_SETQ ? unquote(v) : v;
        break;
      }
      case I_INIT: case I_INITQ: case I_EXPORT: case I_EXPORTQ: case I_LABEL: break;
      case I_PRINT: case I_PRINTN: {
        String text = cp_trim(in.arg), file;
        bool append = false;
        if (!text.empty() && text[0] == '>') {
          append = text.size() > 1 && text[1] == '>';
          String r = text.substr(append ? 2 : 1);
          file = unquote(expand(cp_shift_spacevec(r)));
          text = cp_trim(r);
        }
        String result;
        if (!text.empty() && (isalpha((unsigned char)text[0]) || text[0] == '@' || text[0] == '_'))
          result = call_read(expand(text), errh);
        else
          result = unquote(expand(text));
        if (in.op == I_PRINT) result += "\n";
        if (file.empty()) { fwrite(result.data(), 1, result.size(), stdout); fflush(stdout); }
        else if (FILE* f = fopen(file.c_str(), append ? "a" : "w")) { fwrite(result.data(), 1, result.size(), f); fclose(f); }
        else errh->error("%s: %s", file.c_str(), strerror(errno));
        break;
      }
      case I_READ: case I_READQ: {
        String r = expand(in.arg), hname = cp_shift_spacevec(r);
        if (in.op == I_READQ) r = unquote(r);
        String full;
        String v = call_read_param(hname, r, errh, &full);
        if (!full.empty()) {
          String s = full + ":\n" + v;
          if (s.back() != '\n') s += "\n";
          fwrite(s.data(), 1, s.size(), stderr);
          fflush(stderr);
        }
        break;
      }
      case I_WRITE: case I_WRITEQ: {
        String r = expand(in.arg), hname = cp_shift_spacevec(r);
        write_status_ = call_write(hname, in.op == I_WRITEQ ? unquote(r) : r, errh);
        break;
      }
      case I_WAIT: case I_PAUSE: {
        String t = cp_trim(expand(in.arg));
        if (in.op == I_WAIT && !t.empty()) {   // blocks until the timer (or a step) moves pc_ on
          Timestamp ts;
          if (!TimestampArg().parse(t, ts, ArgContext(this, errh))) {
            errh->error("%s: bad time '%s'", declaration().c_str(), t.c_str());
            done_ = true;
            return R_ERROR;
          }
          blocked_ = true;
          timer_.schedule_after(ts);
          return R_BLOCKED;
        }
        int n = (in.op == I_PAUSE && !t.empty()) ? atoi(t.c_str()) : 1;
        if (step_count_ >= n) { step_count_ -= n; break; }
        blocked_ = true;   // re-examined by the next step
        return R_BLOCKED;
      }
      case I_GOTO: case I_LOOP: {
        String label = "begin";
        bool take = true;
        if (in.op == I_GOTO) {
          String r = in.arg;
          label = cp_shift_spacevec(r);
          if (!cp_trim(r).empty()) {
            bool b = false;
            String c = cp_trim(expand(r));
            Num n;
            if (cp_bool(c, &b)) take = b;
            else if (parse_num(c, n)) take = n.real() != 0;
            else { errh->error("%s: bad condition '%s'", declaration().c_str(), c.c_str()); take = false; }
          }
        }
        if (!take) break;
        if (label == "exit") { done_ = true; return R_EXIT; }
        if (label == "end") { done_ = true; return R_END; }
        if (label == "error") { done_ = true; return R_ERROR; }
        if (++jumps >= max_jumps) {
          errh->error("%s: too many jumps, giving up", declaration().c_str());
          done_ = true;
          return R_ERROR;
        }
        pc_ = find_label(label);
        continue;
      }
      case I_STOP:
        if (type_ == T_DRIVER) { done_ = true; router()->stop_now(); }
        else router()->please_stop_driver();
        break;
      case I_END: done_ = (type_ == T_ACTIVE || type_ == T_DRIVER); goto ended;
      case I_EXIT: done_ = (type_ == T_ACTIVE || type_ == T_DRIVER); if (type_ == T_DRIVER) router()->please_stop_driver(); return R_EXIT;
      case I_RETURN: case I_RETURNQ: {
        String v = expand(cp_trim(in.arg));
        return_value_ = in.op == I_RETURNQ ? unquote(v) : v;
        done_ = (type_ == T_ACTIVE || type_ == T_DRIVER);
        if (type_ == T_DRIVER) router()->please_stop_driver();
        return R_RETURN;
      }
      case I_ERROR: case I_ERRORQ: {
        String v = expand(cp_trim(in.arg));
        if (in.op == I_ERRORQ) v = unquote(v);
        if (!v.empty()) errh->error("%s: %s", declaration().c_str(), v.c_str());
        done_ = (type_ == T_ACTIVE || type_ == T_DRIVER);
        return R_ERROR;
      }
    }
    ++pc_;
  }
  if (type_ == T_ACTIVE || type_ == T_DRIVER) done_ = true;
ended:
  if (type_ == T_DRIVER) router()->please_stop_driver();
  return R_END;
}

// ---- substitution ----

size_t Script::expand_dollar(const String& s, size_t i, String& out) const {
  // s[i] == '$'; returns the index after the reference.
  size_t n = s.size();
  if (i + 1 >= n) { out += '$'; return i + 1; }
  char c = s[i + 1];
  if (c == '(') {
    int depth = 1;
    size_t j = i + 2;
    char q = 0;
    for (; j < n && depth > 0; ++j) {
      if (q) { if (s[j] == '\\' && q == '"') ++j; else if (s[j] == q) q = 0; }
      else if (s[j] == '"' || s[j] == '\'') q = s[j];
      else if (s[j] == '(') ++depth;
      else if (s[j] == ')') --depth;
    }
    if (depth > 0) { out += s.substr(i); return n; }
    String call = expand(s.substr(i + 2, j - 1 - (i + 2)));
    String v = call_read(call, ErrorHandler::default_handler());
    while (!v.empty() && (v.back() == '\n' || v.back() == '\r')) v.pop_back();
    out += v;
    return j;
  }
  String name;
  size_t j;
  if (c == '{') {
    size_t e = s.find('}', i + 2);
    if (e == String::npos) { out += s.substr(i); return n; }
    name = s.substr(i + 2, e - i - 2);
    j = e + 1;
  } else if (c == '?' || c == '#' || c == '$' || isdigit((unsigned char)c)) {
    name = String(1, c);
    j = i + 2;
  } else {
    j = i + 1;
    while (j < n && (isalnum((unsigned char)s[j]) || s[j] == '_')) ++j;
    name = s.substr(i + 1, j - i - 1);
    if (name.empty()) { out += '$'; return i + 1; }
  }
  auto it = vars_.find(name);
  if (it != vars_.end()) { out += it->second; return j; }
  Vector<String> words;
  cp_spacevec(run_args_, words);
  if (name == "args") out += run_args_;
  else if (name == "?") out += std::to_string(write_status_);
  else if (name == "#") out += std::to_string(words.size());
  else if (name == "$") out += std::to_string(getpid());
  else if (name == "0") out += run_name_;
  else if (name.size() == 1 && isdigit((unsigned char)name[0])) {
    size_t k = name[0] - '1';
    if (k < words.size()) out += words[k];
  } else
    out += s.substr(i, j - i);   // unknown: kept as written
  return j;
}

String Script::expand(const String& s) const {
  String out;
  char q = 0;
  for (size_t i = 0; i < s.size();) {
    char c = s[i];
    if (q == '\'') { out += c; if (c == '\'') q = 0; ++i; continue; }
    if (q == '"' && c == '\\' && i + 1 < s.size()) { out += c; out += s[i + 1]; i += 2; continue; }
    if (c == '"') { q = q ? 0 : '"'; out += c; ++i; continue; }
    if (c == '\'' && !q) { q = '\''; out += c; ++i; continue; }
    if (c == '$') { i = expand_dollar(s, i, out); continue; }
    out += c;
    ++i;
  }
  return out;
}

// ---- handler calls ----

int Script::resolve(const String& name, Element*& e, String& hname) const {
  size_t dot = name.rfind('.');
  if (dot == String::npos) {
    hname = name;
    e = router()->handler(this, name) ? const_cast<Script*>(this) : nullptr;
    return 0;
  }
  e = router()->find(name.substr(0, dot), compound_prefix());
  hname = name.substr(dot + 1);
  return e ? 0 : -ENOENT;
}

String Script::call_read(const String& call, ErrorHandler* errh, String* fullname) const {
  String r = cp_trim(call), name = cp_shift_spacevec(r);
  return call_read_param(name, r, errh, fullname);
}

String Script::call_read_param(const String& name, const String& r, ErrorHandler* errh, String* fullname) const {
  Element* e;
  String hname;
  if (resolve(name, e, hname) < 0) { errh->error("no element named '%s'", name.substr(0, name.rfind('.')).c_str()); return String(); }
  const Handler* h = router()->handler(e, hname);
  String full = e ? e->name() + "." + hname : hname;
  if (!h) { errh->error("no handler '%s'", full.c_str()); return String(); }
  if (!h->readable()) { errh->error("'%s' is a write handler", full.c_str()); return String(); }
  if (fullname) *fullname = full;
  return h->read(e, r, errh);
}

int Script::call_write(const String& name, const String& value, ErrorHandler* errh) {
  Element* e;
  String hname;
  if (resolve(name, e, hname) < 0) return errh->error("no element named '%s'", name.substr(0, name.rfind('.')).c_str());
  const Handler* h = router()->handler(e, hname);
  String full = e ? e->name() + "." + hname : hname;
  if (!h) return errh->error("no handler '%s'", full.c_str());
  if (!h->writable()) return errh->error("'%s' is a read handler", full.c_str());
  return h->write(value, e, errh);
}

int Script::step_handler(const String& data, bool is_goto, ErrorHandler* errh) {
  String d = cp_trim(cp_uncomment(data));
  if (is_goto) {
    int l = find_label(d);
    if (l == -1) return errh->error("no such label '%s'", d.c_str());
    timer_.unschedule();
    blocked_ = false;
    done_ = false;
    if (l >= 0) run(l);
    return 0;
  }
  int n = 1;
  if (!d.empty() && !IntArg().parse(d, n, ArgContext(this, errh))) return errh->error("syntax error");
  for (; n > 0; --n) {
    if (blocked_ && timer_.scheduled()) {   // a step ends a wait TIME early
      timer_.unschedule();
      blocked_ = false;
      run(pc_ + 1);
    } else {
      ++step_count_;
      if (blocked_) { blocked_ = false; run(pc_); }
    }
  }
  return 0;
}

// ---- functions (read handlers with parameters) ----

// Long by design: the table of Script's built-in functions (add, sub, eq, length, …), one case each.
String Script::function(const String& name, const String& param, ErrorHandler* errh) {
  Vector<String> w;
  cp_spacevec(param, w);
  auto nums = [&](Vector<Num>& v) -> bool {
    for (auto& x : w) { Num n; if (!parse_num(x, n)) { errh->error("expected list of numbers"); return false; } v.push_back(n); }
    return true;
  };
  auto tf = [](bool b) { return String(b ? "true" : "false"); };
  if (name == "add" || name == "sub" || name == "mul" || name == "div" || name == "idiv" ||
      name == "min" || name == "max" || name == "mod" || name == "rem") {
    Vector<Num> v;
    if (!nums(v)) return String();
    if (v.empty()) return (name == "mul" || name == "div" || name == "idiv") ? "1" : "0";
    Num acc = v[0];
    if (name == "div") { acc.d = acc.real(); acc.is_int = false; }
    for (size_t k = 1; k < v.size(); ++k) {
      const Num& b = v[k];
      bool ints = acc.is_int && b.is_int;
      if (name == "add") { if (ints) acc.i += b.i; else { acc.d = acc.real() + b.real(); acc.is_int = false; } }
      else if (name == "sub") { if (ints) acc.i -= b.i; else { acc.d = acc.real() - b.real(); acc.is_int = false; } }
      else if (name == "mul") { if (ints) acc.i *= b.i; else { acc.d = acc.real() * b.real(); acc.is_int = false; } }
      else if (name == "div") { if (b.real() == 0) { errh->error("division by zero"); return String(); } acc.d = acc.real() / b.real(); }
      else if (name == "idiv") {
        if (b.real() == 0) { errh->error("division by zero"); return String(); }
        if (ints) acc.i /= b.i; else { acc.i = (long long)(acc.real() / b.real()); acc.is_int = true; }
      } else if (name == "mod" || name == "rem") {
        if (!ints) { errh->error("expected integers"); return String(); }
        if (b.i == 0) { errh->error("division by zero"); return String(); }
        acc.i %= b.i;
      } else if (name == "min") { if (b.real() < acc.real()) acc = b; }
      else if (name == "max") { if (b.real() > acc.real()) acc = b; }
    }
    return unparse_num(acc);
  }
  if (name == "neg" || name == "abs") {
    Vector<Num> v;
    if (!nums(v) || v.size() != 1) return errh->error("expected one number"), String();
    Num n = v[0];
    if (name == "neg") { if (n.is_int) n.i = -n.i; else n.d = -n.d; }
    else { if (n.is_int) n.i = llabs(n.i); else n.d = std::fabs(n.d); }
    return unparse_num(n);
  }
  if (name == "eq" || name == "ne" || name == "lt" || name == "gt" || name == "le" || name == "ge") {
    if (w.size() != 2) return errh->error("expected two arguments"), String();
    Num a, b;
    int cmp;
    if (parse_num(w[0], a) && parse_num(w[1], b)) {
      if (a.is_int && b.is_int) cmp = a.i < b.i ? -1 : a.i > b.i;
      else cmp = a.real() < b.real() ? -1 : a.real() > b.real();
    } else {
      String x = cp_unquote(w[0]), y = cp_unquote(w[1]);
      cmp = x.compare(y) < 0 ? -1 : x.compare(y) > 0;
    }
    if (name == "eq") return tf(cmp == 0);
    if (name == "ne") return tf(cmp != 0);
    if (name == "lt") return tf(cmp < 0);
    if (name == "gt") return tf(cmp > 0);
    if (name == "le") return tf(cmp <= 0);
    return tf(cmp >= 0);
  }
  if (name == "not" || name == "and" || name == "or") {
    Vector<bool> v;
    for (auto& x : w) { bool b; if (!cp_bool(x, &b)) return errh->error("expected booleans"), String(); v.push_back(b); }
    if (name == "not") { if (v.size() != 1) return errh->error("expected one boolean"), String(); return tf(!v[0]); }
    bool r = name == "and";
    for (bool b : v) r = name == "and" ? (r && b) : (r || b);
    return tf(r);
  }
  if (name == "if") {
    if (w.size() != 2 && w.size() != 3) return errh->error("expected CONDITION THEN [ELSE]"), String();
    bool b;
    if (!cp_bool(w[0], &b)) return errh->error("expected boolean condition"), String();
    return b ? w[1] : (w.size() == 3 ? w[2] : String());
  }
  if (name == "in") {
    if (w.empty()) return "false";
    for (size_t k = 1; k < w.size(); ++k) if (w[k] == w[0]) return "true";
    return "false";
  }
  if (name == "now") return Timestamp::now().unparse();
  if (name == "kill") {   // kill SIGNAL PID...
    if (w.size() < 2) return errh->error("expected SIGNAL PID..."), String();
    int sg = signal_number(w[0]);
    if (sg < 0) return errh->error("bad signal '%s'", w[0].c_str()), String();
    for (size_t k = 1; k < w.size(); ++k)
      if (::kill(pid_t(atoi(w[k].c_str())), sg) < 0) return errh->error("kill: %s", strerror(errno)), String();
    return String();
  }
  auto arg = [&]() { return !param.empty() && (param[0] == '"' || param[0] == '\'') ? cp_unquote(param) : param; };
  if (name == "length") return std::to_string(arg().size());
  if (name == "unquote") return cp_unquote(param);
  if (name == "cat") {
    String fn = cp_unquote(cp_trim(param));
    std::ifstream in(fn, std::ios::binary);
    if (!in) return errh->error("%s: %s", fn.c_str(), strerror(errno)), String();
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }
  if (name == "random") {
    static std::mt19937_64 rng{std::random_device{}()};
    Vector<Num> v;
    if (!nums(v) || v.size() > 2) return errh->error("expected [[LO] HI]"), String();
    if (v.empty()) return std::to_string(rng() & 0x7FFFFFFF);
    long long lo = v.size() == 2 ? v[0].i : 0, hi = v.back().i;
    if (hi < lo) return errh->error("bad range"), String();
    return std::to_string(lo + (long long)(rng() % uint64_t(hi - lo + 1)));
  }
  if (name == "htons" || name == "ntohs" || name == "htonl" || name == "ntohl") {
    Vector<Num> v;
    if (!nums(v) || v.size() != 1 || !v[0].is_int) return errh->error("expected one integer"), String();
    if (name[4] == 's') return std::to_string(htons(uint16_t(v[0].i)));
    return std::to_string(htonl(uint32_t(v[0].i)));
  }
  if (name == "sprintf") {
    if (w.empty()) return errh->error("expected format"), String();
    String fmt = cp_unquote(w[0]), out;
    size_t arg = 1;
    for (size_t i = 0; i < fmt.size(); ++i) {
      if (fmt[i] != '%') { out += fmt[i]; continue; }
      size_t j = i + 1;
      while (j < fmt.size() && strchr("-+ #0123456789.", fmt[j])) ++j;
      while (j < fmt.size() && strchr("hlLqjzt", fmt[j])) ++j;
      if (j >= fmt.size()) return errh->error("bad format"), String();
      char conv = fmt[j];
      String spec = fmt.substr(i, j - i);
      spec.erase(std::remove_if(spec.begin(), spec.end(), [](char c) { return strchr("hlLqjzt", c) != nullptr; }), spec.end());
      char buf[512];
      if (conv == '%') { out += '%'; i = j; continue; }
      if (arg >= w.size()) return errh->error("not enough arguments"), String();
      String a = w[arg++];
      if (strchr("diouxXc", conv)) {
        Num n;
        if (!parse_num(a, n)) return errh->error("expected integer"), String();
        long long x = n.is_int ? n.i : (long long)n.d;
        snprintf(buf, sizeof buf, (spec + "ll" + conv).c_str(), x);
      } else if (strchr("eEfFgGaA", conv)) {
        Num n;
        if (!parse_num(a, n)) return errh->error("expected number"), String();
        snprintf(buf, sizeof buf, (spec + conv).c_str(), n.real());
      } else if (conv == 's') {
        snprintf(buf, sizeof buf, (spec + conv).c_str(), cp_unquote(a).c_str());
      } else
        return errh->error("bad conversion '%%%c'", conv), String();
      out += buf;
      i = j;
    }
    return out;
  }
  if (name == "get") {
    auto it = vars_.find(cp_trim(param));
    return it == vars_.end() ? String() : it->second;
  }
  if (name == "shift") {
    auto it = vars_.find(cp_trim(param));
    if (it == vars_.end()) return String();
    return cp_shift_spacevec(it->second);
  }
  return errh->error("unknown function '%s'", name.c_str()), String();
}

void Script::add_function(const char* name, bool) {
  String n = name;
  add_read_param_handler(n, [this, n](const String& param, ErrorHandler* errh) { return function(n, param, errh); });
}

void Script::add_handlers() {
  for (const char* f : {"add", "sub", "mul", "div", "idiv", "mod", "rem", "neg", "abs", "min", "max",
                        "eq", "ne", "lt", "gt", "le", "ge", "not", "and", "or", "if", "in", "now",
                        "length", "unquote", "random", "htons", "htonl", "ntohs", "ntohl",
                        "sprintf", "get", "shift", "kill"})
    add_function(f);
  add_function("cat", true);
  add_write_handler("step", [this](const String& d, ErrorHandler* errh) { return step_handler(d, false, errh); });
  add_write_handler("goto", [this](const String& d, ErrorHandler* errh) { return step_handler(d, true, errh); });
  add_write_handler("set", [this](const String& d, ErrorHandler* errh) -> int {
    String r = cp_trim(d), var = cp_shift_spacevec(r);
    if (var.empty()) return errh->error("expected 'VAR VALUE'");
    vars_[var] = r;
    return 0;
  });
  if (type_ == T_PASSIVE || type_ == T_PROXY || type_ == T_ACTIVE || type_ == T_DRIVER || type_ == T_SIGNAL) {
    add_read_param_handler("run", [this](const String& param, ErrorHandler*) {
      run_args_ = cp_trim(param);
      run(0);
      return return_value_;
    });
    add_write_handler("run", [this](const String& d, ErrorHandler* errh) -> int {
      run_args_ = cp_trim(d);
      done_ = false;
      timer_.unschedule();
      blocked_ = false;
      return run(0) == R_ERROR ? errh->error("script error") : 0;
    });
  }
  for (auto& v : exports_) {
    add_read_handler(v, [this, v]() { return vars_[v]; });
    add_write_handler(v, [this, v](const String& d, ErrorHandler*) { vars_[v] = d; return 0; });
  }
}

EXPORT_ELEMENT(Script)
CLICK_ENDDECLS
