// ToIPSummaryDump. See toipsummarydump.hh.
#include "toipsummarydump.hh"
#include <click/args.hh>
#include <click/confparse.hh>
#include <cerrno>
#include <cstring>
CLICK_DECLS

int ToIPSummaryDump::configure(Vector<String>& conf, ErrorHandler* errh) {
  String fields = "timestamp src", contents;
  bool verbose = false, multipacket = false, bad_packets = false, binary = false;
  if (Args(conf, this, errh)
          .read_mp("FILENAME", FilenameArg(), filename_)
          .read("FIELDS", AnyArg(), fields).read("CONTENTS", AnyArg(), contents)
          .read("BANNER", banner_).read("HEADER", header_).read("VERBOSE", verbose)
          .read("MULTIPACKET", multipacket).read("BAD_PACKETS", bad_packets).read("BINARY", binary)
          .complete() < 0)
    return -EINVAL;
  if (binary) return errh->error("BINARY: the binary summary dump format is not supported");
  if (!contents.empty()) fields = contents;
  Vector<String> w;
  cp_spacevec(cp_unquote(fields), w);
  for (auto& n : w) {
    ipsum::Field f = ipsum::parse_field(n);
    if (f == ipsum::F_NONE) return errh->error("unknown field '%s'", n.c_str());
    fields_.push_back(f);
    field_names_.push_back(n);
  }
  if (fields_.empty()) return errh->error("no fields");
  return 0;
}

int ToIPSummaryDump::initialize(ErrorHandler* errh) {
  f_ = filename_ == "-" ? stdout : fopen(filename_.c_str(), "w");
  if (!f_) return errh->error("%s: %s", filename_.c_str(), strerror(errno));
  if (header_) {
    String h = "!IPSummaryDump 1.3\n";
    if (!banner_.empty()) h += "!creator " + cp_quote(banner_) + "\n";
    h += "!data";
    for (auto& n : field_names_) h += " " + n;
    h += "\n";
    fwrite(h.data(), 1, h.size(), f_);
  }
  if (input_is_pull(0)) {
    task_.initialize(this, true);
    if ((notifier_ = upstream_notifier(this, 0))) notifier_->add_listener(&task_);
  }
  return 0;
}

void ToIPSummaryDump::cleanup(CleanupStage) {
  if (f_) {
    fflush(f_);
    if (f_ != stdout) fclose(f_);
    f_ = nullptr;
  }
}

void ToIPSummaryDump::write_packet(Packet* p) {
  if (!f_) return;
  line_.clear();
  for (size_t k = 0; k < fields_.size(); ++k) {
    if (k) line_ += ' ';
    ipsum::unparse(fields_[k], p, line_);
  }
  line_ += '\n';
  fwrite(line_.data(), 1, line_.size(), f_);
}

void ToIPSummaryDump::push(int, Packet* p) {
  write_packet(p);
  checked_output_push(0, p);
}

bool ToIPSummaryDump::run_task(Task*) {
  Packet* p = input(0).pull();
  if (!p) {
    if (notifier_ && !notifier_->notifier_active()) task_.unschedule();  // the Queue wakes us
    return false;
  }
  write_packet(p);
  checked_output_push(0, p);
  return true;
}

void ToIPSummaryDump::add_handlers() {
  add_read_handler("filename", [this]() { return filename_; });
  add_write_handler("flush", [this](const String&, ErrorHandler*) { if (f_) fflush(f_); return 0; }, Handler::f_button);
}

EXPORT_ELEMENT(ToIPSummaryDump)
CLICK_ENDDECLS
