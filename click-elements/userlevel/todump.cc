// ToDump: pcap writer. See todump.hh; layouts in fromdump.cc.
#include "todump.hh"
#include "fromdump.hh"
#include <click/args.hh>
#include <cerrno>
#include <cstring>
CLICK_DECLS

ToDump::ToDump() : task_(this) {}
ToDump::~ToDump() { if (f_ && f_ != stdout) fclose(f_); }

int ToDump::configure(Vector<String>& conf, ErrorHandler* errh) {
  String encap = "ETHER";
  uint32_t snaplen = 2000;
  bool extra = true, unbuffered = false, nano = true;
  String use_encap_from;
  if (Args(conf, this, errh)
          .read_mp("FILENAME", FilenameArg(), filename_)
          .read_p("SNAPLEN", snaplen)
          .read_p("ENCAP", WordArg(), encap)
          .read("USE_ENCAP_FROM", AnyArg(), use_encap_from)  // accepted for compatibility
          .read("EXTRA_LENGTH", extra)
          .read("UNBUFFERED", unbuffered)
          .read("NANO", nano)
          .complete() < 0)
    return -EINVAL;
  (void)use_encap_from;
  int lt = FromDump::parse_linktype(encap);
  if (lt < 0) return errh->error("bad encapsulation type '%s'", encap.c_str());
  linktype_ = lt;
  snaplen_ = snaplen ? snaplen : 0xFFFFFFFFU;
  extra_length_ = extra;
  unbuffered_ = unbuffered;
  nano_ = nano;
  return 0;
}

int ToDump::initialize(ErrorHandler* errh) {
  if (filename_ == "-") f_ = stdout;
  else f_ = fopen(filename_.c_str(), "wb");
  if (!f_) return errh->error("%s: %s", filename_.c_str(), strerror(errno));
  uint32_t h[6] = {0, 0, 0, 0, 0, 0};
  h[0] = nano_ ? 0xa1b23c4dU : 0xa1b2c3d4U;
  h[2] = 0;
  h[3] = 0;
  h[4] = snaplen_ == 0xFFFFFFFFU ? 0xFFFFFFFFU : snaplen_;
  h[5] = uint32_t(linktype_);
  uint16_t ver[2] = {2, 4};
  fwrite(&h[0], 4, 1, f_);
  fwrite(ver, 2, 2, f_);
  fwrite(&h[2], 4, 4, f_);
  if (unbuffered_) fflush(f_);
  if (input_is_pull(0)) {
    task_.initialize(this, true);
    if ((notifier_ = upstream_notifier(this, 0))) notifier_->add_listener(&task_);
  }
  return 0;
}

void ToDump::cleanup(CleanupStage) {
  if (f_) {
    fflush(f_);
    if (f_ != stdout) fclose(f_);
    f_ = nullptr;
  }
}

void ToDump::write_packet(Packet* p) {
  Timestamp ts = p->timestamp_anno();
  if (!ts) ts = Timestamp::now();
  uint32_t len = p->length();
  uint32_t caplen = len < snaplen_ ? len : snaplen_;
  uint32_t rec[4];
  rec[0] = uint32_t(ts.sec());
  rec[1] = nano_ ? uint32_t(ts.nsec()) : uint32_t(ts.usec());
  rec[2] = caplen;
  rec[3] = len + (extra_length_ ? p->anno_u32(EXTRA_LENGTH_ANNO_OFFSET) : 0);
  fwrite(rec, 4, 4, f_);
  fwrite(p->data(), 1, caplen, f_);
  if (unbuffered_) fflush(f_);
  ++count_;
}

void ToDump::push(int, Packet* p) {
  if (f_) write_packet(p);
  checked_output_push(0, p);
}

bool ToDump::run_task(Task*) {
  Packet* p = input(0).pull();
  if (!p) {
    if (notifier_ && !notifier_->notifier_active()) task_.unschedule();  // the Queue wakes us
    return false;
  }
  if (f_) write_packet(p);
  checked_output_push(0, p);
  return true;
}

void ToDump::add_handlers() {
  add_data_handlers("count", Handler::f_read, &count_);
  add_data_handlers("filename", Handler::f_read, &filename_);
  add_write_handler("reset_counts", [this](const String&, ErrorHandler*) { count_ = 0; return 0; }, Handler::f_button);
}

EXPORT_ELEMENT(ToDump)
CLICK_ENDDECLS
