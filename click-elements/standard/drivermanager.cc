// DriverManager. See drivermanager.hh.
#include "drivermanager.hh"
#include <click/args.hh>
#include <click/confparse.hh>
#include <click/router.hh>
CLICK_DECLS
#include <cstdio>
#include <cstring>

int DriverManager::configure(Vector<String>& conf, ErrorHandler* errh) {
  for (Element* e : [this]() { Vector<Element*> v; for (int i = 0; i < router()->nelements(); ++i) v.push_back(router()->element(i)); return v; }())
    if (e != this && strcmp(e->class_name(), "DriverManager") == 0 && e->eindex() < eindex())
      return errh->error("router has more than one DriverManager element");
  steps_.clear();
  for (size_t i = 0; i < conf.size(); ++i) {
    String rest = conf[i];
    String name = cp_shift_spacevec(rest);
    rest = cp_trim(rest);
    if (name.empty()) continue;   // an empty argument ("..., stop, )"), as Click
    Step s{STOP, 1, Timestamp(), String(), String(), String(), false};
    ArgContext ctx(this, errh);
    if (name == "wait_stop" || name == "wait_pause" || name == "pause" || (name == "wait" && rest.empty())) {
      s.insn = WAIT_STOP;
      if (!rest.empty() && !IntArg().parse(rest, s.n, ctx)) return errh->error("expected '%s [COUNT]'", name.c_str());
    } else if (name == "wait" || name == "wait_time" || name == "wait_for") {
      s.insn = name == "wait_for" ? WAIT_FOR : WAIT_TIME;
      if (!TimestampArg().parse(rest, s.t, ctx)) return errh->error("expected '%s TIME'", name.c_str());
    } else if (name == "write" || name == "call" || name == "write_skip" || name == "writeq") {
      s.insn = name == "write_skip" ? WRITE_SKIP : WRITE;
      s.handler = cp_shift_spacevec(rest);
      s.arg = cp_trim(rest);
      if (name == "writeq") s.arg = cp_unquote(s.arg);   // the value is given quoted
      if (s.handler.empty()) return errh->error("expected '%s HANDLER [ARGS]'", name.c_str());
    } else if (name == "read") {
      s.insn = READ;
      s.handler = cp_shift_spacevec(rest);
      s.arg = cp_trim(rest);
      if (s.handler.empty()) return errh->error("expected 'read HANDLER'");
    } else if (name == "print") {
      s.insn = PRINT;
      String w = cp_shift_spacevec(rest);
      if (w.compare(0, 2, ">>") == 0 || (w.size() > 0 && w[0] == '>')) {
        s.append = w.compare(0, 2, ">>") == 0;
        s.file = w.substr(s.append ? 2 : 1);
        if (s.file.empty()) s.file = cp_shift_spacevec(rest);
        w = cp_shift_spacevec(rest);
      }
      if (w.empty()) return errh->error("expected 'print [>FILE] HANDLER'");
      s.handler = w;
      s.arg = cp_trim(rest);   // "print r.lookup 18.26.4.9": a read handler's parameter
    } else if (name == "stop" || name == "quit") {
      s.insn = STOP;
      if (i + 1 < conf.size()) errh->warning("arguments after '%s' ignored", name.c_str());
      steps_.push_back(s);
      break;
    } else if (name == "loop") {
      s.insn = LOOP;
    } else
      return errh->error("unknown instruction '%s'", name.c_str());
    steps_.push_back(s);
  }
  if (steps_.empty()) steps_.push_back({WAIT_STOP, 1, Timestamp(), String(), String(), String(), false});
  steps_.push_back({STOP, 0, Timestamp(), String(), String(), String(), false});
  return 0;
}

int DriverManager::initialize(ErrorHandler* errh) {
  // check handlers now, like Click
  for (auto& s : steps_) {
    if (s.insn == WRITE || s.insn == WRITE_SKIP || s.insn == READ || (s.insn == PRINT && s.handler[0] != '\'' && s.handler[0] != '"')) {
      Element* e;
      const Handler* h;
      if (router()->resolve_handler(s.handler, e, h, errh) < 0) return -EINVAL;
      if ((s.insn == WRITE || s.insn == WRITE_SKIP) && !h->writable()) return errh->error("'%s' is not a write handler", s.handler.c_str());
      if ((s.insn == READ || s.insn == PRINT) && !h->readable()) return errh->error("'%s' is not a read handler", s.handler.c_str());
    }
  }
  timer_.initialize(this);
  router()->set_stop_hook([this]() { return on_stop_event(); });
  timer_.schedule_now();
  return 0;
}

void DriverManager::do_print(const Step& s) {
  String v;
  if (s.handler[0] == '\'' || s.handler[0] == '"') v = cp_unquote(s.handler);
  else if (router()->handler_read(s.handler, v, ErrorHandler::default_handler(), s.arg) < 0) return;
  if (v.empty() || v.back() != '\n') v += '\n';
  if (!s.file.empty()) {
    FILE* f = fopen(s.file.c_str(), s.append ? "a" : "w");
    if (!f) { click_chatter("%s: %s: %s", declaration().c_str(), s.file.c_str(), strerror(errno)); return; }
    fwrite(v.data(), 1, v.size(), f);
    fclose(f);
  } else {
    fwrite(v.data(), 1, v.size(), stdout);
    fflush(stdout);
  }
}

// Runs instructions until one waits.
void DriverManager::run_steps() {
  int guard = 0;
  while (pc_ < steps_.size() && guard++ < 10000) {
    const Step& s = steps_[pc_];
    switch (s.insn) {
      case WAIT_STOP:
        waited_ = 0;
        return;
      case WAIT_TIME:
      case WAIT_FOR:
        timer_.schedule_after(s.t);
        started_wait_ = true;
        return;
      case WRITE:
      case WRITE_SKIP: {
        if (s.insn == WRITE_SKIP && stopping_by_event_) break;
        ContextErrorHandler cerrh(ErrorHandler::default_handler(), "While calling '" + s.handler + "' from " + declaration() + ":");
        router()->handler_write(s.handler, s.arg, &cerrh);
        break;
      }
      case READ: {
        String v;
        if (router()->handler_read(s.handler, v, ErrorHandler::default_handler(), s.arg) >= 0) {
          if (v.empty() || v.back() != '\n') v += '\n';
          fprintf(stderr, "%s:\n%s\n", s.handler.c_str(), v.c_str());
        }
        break;
      }
      case PRINT:
        do_print(s);
        break;
      case STOP:
        pc_ = steps_.size();
        router()->stop_now();
        return;
      case LOOP:
        pc_ = 0;
        continue;
    }
    ++pc_;
  }
}

void DriverManager::run_timer(Timer*) {
  if (pc_ < steps_.size() && (steps_[pc_].insn == WAIT_TIME || steps_[pc_].insn == WAIT_FOR) && timer_.scheduled()) return;
  if (pc_ < steps_.size() && (steps_[pc_].insn == WAIT_TIME || steps_[pc_].insn == WAIT_FOR) && started_wait_) {
    started_wait_ = false;
    ++pc_;
  }
  stopping_by_event_ = false;
  run_steps();
}

bool DriverManager::on_stop_event() {
  ++stops_;
  router()->set_runcount(1);
  if (pc_ >= steps_.size()) return false;
  const Step& s = steps_[pc_];
  if (s.insn == WAIT_STOP) {
    if (++waited_ >= s.n) { ++pc_; stopping_by_event_ = true; run_steps(); }
  } else if (s.insn == WAIT_TIME) {
    timer_.unschedule();
    started_wait_ = false;
    ++pc_;
    stopping_by_event_ = true;
    run_steps();
  }
  return !router()->stopped();
}

void DriverManager::add_handlers() {
  add_data_handlers("count", Handler::f_read, &stops_);
}
EXPORT_ELEMENT(DriverManager)
CLICK_ENDDECLS
