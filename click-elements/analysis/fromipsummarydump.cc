// FromIPSummaryDump. See fromipsummarydump.hh.
#include "fromipsummarydump.hh"
#include <click/args.hh>
#include <click/confparse.hh>
#include <click/router.hh>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
CLICK_DECLS

FromIPSummaryDump::FromIPSummaryDump() : task_(this), timer_(this) {}

int FromIPSummaryDump::set_fields(const String& names, ErrorHandler* errh) {
  Vector<String> w;
  cp_spacevec(names, w);
  fields_.clear();
  for (auto& n : w) {
    ipsum::Field f = ipsum::parse_field(n);
    if (f == ipsum::F_NONE && errh) errh->warning("unknown field '%s' ignored", n.c_str());
    fields_.push_back(f);
  }
  return 0;
}

int FromIPSummaryDump::configure(Vector<String>& conf, ErrorHandler* errh) {
  String data, defcontents;
  bool have_data = false;
  uint32_t proto = 6;
  Args args(conf, this, errh);
  args.read_p("FILENAME", FilenameArg(), filename_)
      .read("STOP", stop_).read("ACTIVE", active_).read("ZERO", zero_)
      .read("CHECKSUM", checksum_).read("TIMING", timing_).read("PROTO", proto).read("MULTIPACKET", multipacket_)
      .read("DATA", data).read("DEFAULT_CONTENTS", AnyArg(), defcontents)
      .read("CONTENTS", AnyArg(), defcontents);
  have_data = args.status() && data.size();
  if (args.complete() < 0) return -EINVAL;
  if (proto > 255) return errh->error("PROTO: out of range");
  default_proto_ = int(proto);
  if (filename_.empty() && !have_data && data.empty()) return errh->error("FILENAME or DATA required");
  if (!defcontents.empty()) set_fields(cp_unquote(defcontents), errh);
  text_ = data;
  return 0;
}

int FromIPSummaryDump::initialize(ErrorHandler* errh) {
  if (!filename_.empty()) {
    std::stringstream ss;
    if (filename_ == "-") ss << std::cin.rdbuf();
    else {
      std::ifstream in(filename_, std::ios::binary);
      if (!in) return errh->error("%s: %s", filename_.c_str(), strerror(errno));
      ss << in.rdbuf();
    }
    text_ = ss.str();
  }
  if (output_is_push(0)) task_.initialize(this, active_);
  timer_.initialize(this);
  return 0;
}

void* FromIPSummaryDump::cast(const char* n) {
  if (strcmp(n, "EmptyNotifier") == 0 && output_is_pull(0)) return static_cast<EmptyNotifier*>(this);
  return Element::cast(n);
}

void FromIPSummaryDump::finish() {
  if (done_) return;
  done_ = true;
  if (stop_) router()->please_stop_driver();
}

// Splits a line at white space, keeping a double-quoted payload in one piece.
static void split_fields(const String& line, Vector<String>& out) {
  size_t i = 0, n = line.size();
  while (i < n) {
    while (i < n && isspace((unsigned char)line[i])) ++i;
    if (i >= n) break;
    size_t j = i;
    if (line[j] == '"') {
      for (++j; j < n && line[j] != '"'; ++j) if (line[j] == '\\') ++j;
      if (j < n) ++j;
    }
    while (j < n && !isspace((unsigned char)line[j])) ++j;
    out.push_back(line.substr(i, j - i));
    i = j;
  }
}

Packet* FromIPSummaryDump::next_packet() {
  if (pending_) {
    Packet* p = pending_;
    if (--pending_count_ == 0) pending_ = nullptr;
    else p = p->clone();
    return p;
  }
  while (pos_ < text_.size()) {
    size_t e = text_.find('\n', pos_);
    String line = text_.substr(pos_, e == String::npos ? String::npos : e - pos_);
    pos_ = e == String::npos ? text_.size() : e + 1;
    ++lineno_;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    String t = cp_trim(line);
    if (t.empty() || t[0] == '#') continue;
    if (t[0] == '!') {
      String rest = t.substr(1), word = cp_shift_spacevec(rest);
      if (word == "data" || word == "contents") set_fields(rest, nullptr);
      else if (word == "proto") {
        String v = cp_trim(rest);
        default_proto_ = v == "T" ? 6 : v == "U" ? 17 : v == "I" ? 1 : atoi(v.c_str());
      }
      continue;
    }
    Vector<String> vals;
    split_fields(t, vals);
    ipsum::Record r;
    for (size_t k = 0; k < fields_.size() && k < vals.size(); ++k) {
      r.have[fields_[k]] = true;
      r.text[fields_[k]] = vals[k];
    }
    String err;
    WritablePacket* p = ipsum::build(r, default_proto_, checksum_, err);
    if (!p) {
      click_chatter("%s: %s:%d: %s", declaration().c_str(), filename_.empty() ? "DATA" : filename_.c_str(), lineno_, err.c_str());
      continue;
    }
    uint32_t extra = p->anno_u32(EXTRA_PACKETS_ANNO_OFFSET);
    if (multipacket_ && extra) {
      p->set_anno_u32(EXTRA_PACKETS_ANNO_OFFSET, 0);
      pending_ = p->clone();
      pending_count_ = extra;
    }
    return p;
  }
  return nullptr;
}

// TIMING: true when p may leave now; else arms the timer for when it may.
bool FromIPSummaryDump::due(Packet* p) {
  if (!timing_) return true;
  Timestamp now = Timestamp::now_steady();
  if (!have_t0_) { have_t0_ = true; t0_ = p->timestamp_anno(); start_ = now; return true; }
  Timestamp when = start_ + (p->timestamp_anno() - t0_);
  if (when <= now) return true;
  timer_.schedule_at(when);
  return false;
}

void FromIPSummaryDump::run_timer(Timer*) {
  if (task_.initialized()) task_.reschedule();
}

bool FromIPSummaryDump::run_task(Task*) {
  if (!active_ || done_) { task_.unschedule(); return false; }   // the active handler wakes it
  Packet* p = held_ ? held_ : next_packet();
  held_ = nullptr;
  if (!p) { finish(); task_.unschedule(); return false; }
  if (!due(p)) { held_ = p; task_.unschedule(); return false; }
  output(0).push(p);
  task_.fast_reschedule();
  return true;
}

Packet* FromIPSummaryDump::pull(int) {
  if (!active_ || done_) return nullptr;
  Packet* p = held_ ? held_ : next_packet();
  held_ = nullptr;
  if (!p) { finish(); return nullptr; }
  if (!due(p)) { held_ = p; return nullptr; }
  return p;
}

void FromIPSummaryDump::add_handlers() {
  add_read_handler("active", [this]() { return String(active_ ? "true" : "false"); });
  add_write_handler("active", [this](const String& s, ErrorHandler* errh) -> int {
    bool b;
    if (!cp_bool(cp_uncomment(s), &b)) return errh->error("expected boolean");
    active_ = b;
    if (active_ && task_.initialized() && !done_) task_.reschedule();
    if (active_ && !done_) for (Task* t : listeners_) t->reschedule();
    return 0;
  });
  add_read_handler("encap", []() { return String("IP"); });
  add_read_handler("filesize", [this]() { return std::to_string(text_.size()); });
  add_read_handler("filepos", [this]() { return std::to_string(pos_); });
  if (task_.initialized() || true) add_task_handlers(&task_);
}

EXPORT_ELEMENT(FromIPSummaryDump)
CLICK_ENDDECLS
