// FromDump: pcap reader. See fromdump.hh.
//
// pcap file header (24 bytes)            record header (16 bytes)
//   0 magic  a1b2c3d4 (usec) / a1b23c4d (nsec), either byte order
//   4 version major(2) minor(2)             0 ts_sec
//   8 thiszone                              4 ts_usec / ts_nsec
//  12 sigfigs                               8 caplen
//  16 snaplen                              12 len
//  20 linktype
#include "fromdump.hh"
#include <click/args.hh>
#include <click/router.hh>
#include <click/confparse.hh>
#include <cerrno>
#include <cstring>
#include <sys/stat.h>
#include <unistd.h>
#include <arpa/inet.h>
CLICK_DECLS

namespace {
struct LinkName { const char* name; int type; };
const LinkName link_names[] = {
    {"NULL", 0}, {"ETHER", 1}, {"IP", 101}, {"RAW", 101}, {"PPP", 9}, {"FDDI", 10}, {"ATM", 11},
    {"HDLC", 104}, {"PPP_HDLC", 50}, {"802_11", 105}, {"SUNATM", 123}, {"LINUX_SLL", 113},
    {"PRISM", 119}, {"AIRONET", 120}, {"IP6", 229}, {nullptr, 0}};
inline uint32_t swap32(uint32_t x) { return __builtin_bswap32(x); }
}  // namespace

String FromDump::unparse_linktype(uint32_t lt) {
  for (int i = 0; link_names[i].name; ++i) if (uint32_t(link_names[i].type) == lt) return link_names[i].name;
  return "linktype" + std::to_string(lt);
}
int FromDump::parse_linktype(const String& name) {
  for (int i = 0; link_names[i].name; ++i) if (name == link_names[i].name) return link_names[i].type;
  return -1;
}

FromDump::FromDump() : task_(this), timer_(this) {}
FromDump::~FromDump() { if (f_) fclose(f_); if (pending_) pending_->kill(); }

int FromDump::configure(Vector<String>& conf, ErrorHandler* errh) {
  bool stop = false, timing = false, active = true, force_ip = false;
  double sample = 1.0;
  String end_call;
  Args args(conf, this, errh);
  args.read_mp("FILENAME", FilenameArg(), filename_)
      .read("STOP", stop)
      .read("TIMING", timing)
      .read("ACTIVE", active)
      .read("SAMPLE", sample)
      .read("FORCE_IP", force_ip)
      .read("END_CALL", AnyArg(), end_call);
  args.read("START", start_); have_start_ = args.read_status_present();
  args.read("START_AFTER", start_after_); have_start_after_ = args.read_status_present();
  args.read("END", end_); have_end_ = args.read_status_present();
  args.read("END_AFTER", end_after_); have_end_after_ = args.read_status_present();
  args.read("INTERVAL", interval_); have_interval_ = args.read_status_present();
  bool mmap = false;
  String filepos;
  args.read("MMAP", mmap).read("FILEPOS", AnyArg(), filepos);
  if (args.complete() < 0) return -EINVAL;
  if (sample < 0 || sample > 1) return errh->error("SAMPLE must be between 0 and 1");
  if ((have_end_ ? 1 : 0) + (have_end_after_ ? 1 : 0) + (have_interval_ ? 1 : 0) > 1)
    return errh->error("END, END_AFTER, and INTERVAL are mutually exclusive");
  if (have_start_ && have_start_after_) return errh->error("START and START_AFTER are mutually exclusive");
  stop_ = stop; timing_ = timing; active_ = active; force_ip_ = force_ip; sample_ = sample; end_call_ = HandlerCall(end_call);
  return 0;
}

int FromDump::initialize(ErrorHandler* errh) {
  if (end_call_.initialize_write(this, errh) < 0) return -EINVAL;
  if (filename_ == "-") f_ = fdopen(dup(0), "rb");
  else f_ = fopen(filename_.c_str(), "rb");
  if (!f_) return errh->error("%s: %s", filename_.c_str(), strerror(errno));
  struct stat st;
  if (fstat(fileno(f_), &st) == 0) filesize_ = uint64_t(st.st_size);
  unsigned char h[24];
  size_t n = fread(h, 1, 24, f_);
  if (n == 0) { eof_ = true; }
  else if (n < 24) return errh->error("%s: not a tcpdump file (truncated header)", filename_.c_str());
  else {
    uint32_t magic;
    memcpy(&magic, h, 4);
    if (magic == 0xa1b2c3d4U) { swapped_ = false; nano_ = false; }
    else if (magic == 0xa1b23c4dU) { swapped_ = false; nano_ = true; }
    else if (magic == 0xd4c3b2a1U) { swapped_ = true; nano_ = false; }
    else if (magic == 0x4d3cb2a1U) { swapped_ = true; nano_ = true; }
    else return errh->error("%s: not a tcpdump file (bad magic number)", filename_.c_str());
    uint32_t lt;
    memcpy(&lt, h + 20, 4);
    linktype_ = swapped_ ? swap32(lt) : lt;
  }
  if (output_is_push(0)) task_.initialize(this, active_);
  timer_.initialize(this);
  return 0;
}

void FromDump::cleanup(CleanupStage) {
  if (f_) { fclose(f_); f_ = nullptr; }
  if (pending_) { pending_->kill(); pending_ = nullptr; }
}

Packet* FromDump::read_packet(ErrorHandler* errh) {
  if (eof_ || !f_) return nullptr;
  unsigned char rh[16];
  size_t n = fread(rh, 1, 16, f_);
  if (n < 16) {
    if (n > 0 && errh) errh->error("%s: truncated packet header", filename_.c_str());
    eof_ = true;
    return nullptr;
  }
  uint32_t v[4];
  memcpy(v, rh, 16);
  if (swapped_) for (auto& x : v) x = swap32(x);
  uint32_t caplen = v[2], len = v[3];
  if (caplen > 0x4000000) {
    click_chatter("%s: %s: bad packet record (caplen %u)", declaration().c_str(), filename_.c_str(), caplen);
    eof_ = true;
    return nullptr;
  }
  WritablePacket* p = Packet::make(Packet::default_headroom, nullptr, caplen, 0);
  if (!p) { eof_ = true; return nullptr; }
  if (fread(p->data(), 1, caplen, f_) < caplen) {
    click_chatter("%s: %s: truncated packet", declaration().c_str(), filename_.c_str());
    p->kill();
    eof_ = true;
    return nullptr;
  }
  p->set_timestamp_anno(nano_ ? Timestamp(v[0], int32_t(v[1])) : Timestamp::make_usec(v[0], v[1]));
  if (len > caplen) p->set_anno_u32(EXTRA_LENGTH_ANNO_OFFSET, len - caplen);
  if (linktype_ == 1) p->set_mac_header(p->data());
  else if (linktype_ == 101 && caplen >= 20) {
    const click_ip* ip = reinterpret_cast<const click_ip*>(p->data());
    if (ip->ip_v == 4) p->set_ip_header(ip, ip->ip_hl << 2);
  }
  return p;
}

bool FromDump::admissible(Packet* p, bool& output1) {
  output1 = false;
  const Timestamp& ts = p->timestamp_anno();
  if (!have_first_) { have_first_ = true; first_ts_ = ts; }
  Timestamp start = have_start_ ? start_ : have_start_after_ ? first_ts_ + start_after_ : Timestamp();
  if ((have_start_ || have_start_after_) && ts < start) return false;
  // The end bound is exclusive, the start bound inclusive, as Click's FromDump.
  if (have_end_ && ts >= end_) { done_ = true; return false; }
  if (have_end_after_ && ts >= first_ts_ + end_after_) { done_ = true; return false; }
  if (have_interval_) {
    Timestamp s = (have_start_ || have_start_after_) ? start : first_ts_;
    if (ts >= s + interval_) { done_ = true; return false; }
  }
  if (force_ip_) {
    bool ok = false;
    if (linktype_ == 1 && p->length() >= 34) {
      const click_ether* eh = reinterpret_cast<const click_ether*>(p->data());
      if (eh->ether_type == htons(ETHERTYPE_IP)) {
        const click_ip* ip = reinterpret_cast<const click_ip*>(p->data() + 14);
        if (ip->ip_v == 4) { p->set_ip_header(ip, ip->ip_hl << 2); ok = true; }
      }
    } else if (linktype_ == 101 && p->has_network_header()) ok = true;
    if (!ok) { output1 = true; return true; }
  }
  if (sample_ < 1) {
    rng_ ^= rng_ << 13; rng_ ^= rng_ >> 17; rng_ ^= rng_ << 5;
    if ((rng_ & 0xFFFFFF) >= uint32_t(sample_ * 0x1000000)) { output1 = true; return true; }
  }
  return true;
}

Packet* FromDump::next_packet(bool& output1) {
  while (!done_) {
    Packet* p = read_packet(nullptr);
    if (!p) { done_ = true; break; }
    if (admissible(p, output1)) return p;
    p->kill();
  }
  return nullptr;
}

void FromDump::finish() {
  end_call_.call_write();
  if (stop_) router()->please_stop_driver();
}

bool FromDump::run_task(Task*) {
  if (!active_) return false;
  if (done_ && !pending_) { task_.unschedule(); return false; }
  bool output1 = false;
  Packet* p = pending_;
  pending_ = nullptr;
  if (!p) p = next_packet(output1);
  if (!p) {
    task_.unschedule();
    if (!finished_) { finished_ = true; finish(); }
    return false;
  }
  if (timing_ && !output1) {
    Timestamp now = Timestamp::now_steady();
    if (!wall_base_) wall_base_ = now - (p->timestamp_anno() - first_ts_);
    Timestamp due = wall_base_ + (p->timestamp_anno() - first_ts_);
    if (due > now) {
      pending_ = p;
      task_.unschedule();
      timer_.schedule_at(due);
      return false;
    }
  }
  ++count_;
  if (output1) checked_output_push(1, p);
  else output(0).push(p);
  return true;
}

void FromDump::run_timer(Timer*) {
  if (active_) task_.reschedule();
}

Packet* FromDump::pull(int) {
  if (!active_ || (done_ && !pending_)) return nullptr;
  bool output1 = false;
  Packet* p = pending_;
  pending_ = nullptr;
  if (!p) p = next_packet(output1);
  if (!p) {
    // end of the trace: report it once (END_CALL / STOP), then stay quiet
    if (!finished_) { finished_ = true; finish(); }
    return nullptr;
  }
  if (timing_) {
    Timestamp now = Timestamp::now_steady();
    if (!wall_base_) wall_base_ = now - (p->timestamp_anno() - first_ts_);
    if (wall_base_ + (p->timestamp_anno() - first_ts_) > now) { pending_ = p; return nullptr; }
  }
  if (output1) { checked_output_push(1, p); return nullptr; }
  ++count_;
  return p;
}

void FromDump::add_handlers() {
  add_data_handlers("count", Handler::f_read, &count_);
  add_data_handlers("active", Handler::f_read, &active_);
  add_write_handler("active", [this](const String& s, ErrorHandler* errh) -> int {
    bool b;
    if (!cp_bool(cp_uncomment(s), &b)) return errh->error("active: expected boolean");
    active_ = b;
    if (active_ && output_is_push(0) && !done_) task_.reschedule();
    return 0;
  });
  add_read_handler("encap", [this]() { return unparse_linktype(linktype_); });
  add_data_handlers("filename", Handler::f_read, &filename_);
  add_data_handlers("filesize", Handler::f_read, &filesize_);
  add_read_handler("filepos", [this]() { return std::to_string(f_ ? uint64_t(ftell(f_)) : filesize_); });
  add_read_handler("sampling_prob", [this]() { return string_printf("%g", sample_); });
  add_write_handler("stop", [this](const String&, ErrorHandler*) -> int {
    active_ = false;
    task_.unschedule();
    if (stop_) router()->please_stop_driver();
    return 0;
  }, Handler::f_button);
  add_task_handlers(&task_);
}

EXPORT_ELEMENT(FromDump)
CLICK_ENDDECLS
