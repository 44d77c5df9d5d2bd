// FromUserDevice. See fromuserdevice.hh.
#include "fromuserdevice.hh"
#include <click/args.hh>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <sys/socket.h>
CLICK_DECLS

FromUserDevice::~FromUserDevice() {
  for (WritablePacket* p : spare_) if (p) p->kill();
}

int FromUserDevice::configure(Vector<String>& conf, ErrorHandler* errh) {
  String name, devdir = UserChannel::default_devdir(), modestr;
  int burst = 64;
  uint32_t headroom = 48, mtu = 1980;
  if (Args(conf, this, errh)
          .read_mp("NAME", WordArg(), name)
          .read("BURST", burst)
          .read("DEVDIR", FilenameArg(), devdir)
          .read("HEADROOM", headroom)
          .read("MTU", mtu)
          .read("MODE", WordArg(), modestr)
          .complete() < 0)
    return -EINVAL;
  if (UserChannel::check_name(name, errh) < 0) return -EINVAL;
  if (burst < 1 || burst > 1024) return errh->error("BURST must be between 1 and 1024");
  if (headroom > 512) return errh->error("HEADROOM must be at most 512");
  if (mtu < 20 || mtu > 65535) return errh->error("MTU must be between 20 and 65535");
  if (!modestr.empty()) {
    char* end;
    unsigned long m = strtoul(modestr.c_str(), &end, 8);
    if (*end || m > 0777) return errh->error("MODE: expected octal permissions like 0660");
    mode_ = int(m);
  }
  name_ = name; devdir_ = devdir; burst_ = burst; headroom_ = headroom; mtu_ = mtu;
  return 0;
}

int FromUserDevice::initialize(ErrorHandler* errh) {
  spare_.assign(size_t(burst_), nullptr);
  for (auto& p : spare_)
    if (!(p = Packet::make(headroom_, nullptr, mtu_, 0))) return errh->error("out of memory");
  task_.initialize(this, false);
  if (HotSwap::pending(hotswap_key())) return 0;
  return chan_.open(this, devdir_ + "/toclick" + name_, mode_, errh);
}

void FromUserDevice::take_state(Element* old_e, ErrorHandler*) {
  auto* old = static_cast<FromUserDevice*>(old_e);
  chan_.take_from(old->chan_, this);
  count_ += old->count_; drops_ += old->drops_; bad_ += old->bad_;
  if (chan_.connected()) task_.reschedule();
}

void FromUserDevice::cleanup(CleanupStage) { chan_.close_all(); }

void FromUserDevice::selected(int fd, int) {
  if (fd == chan_.listen_fd()) chan_.accept_peer(SELECT_READ);
  else if (fd == chan_.peer_fd() && !task_.scheduled()) task_.reschedule();
}

bool FromUserDevice::run_task(Task*) {
  int n = chan_.connected() ? receive() : 0;
  // a full batch: more may be waiting; otherwise sleep until epoll says so
  if (n >= burst_ && chan_.connected()) task_.fast_reschedule();
  else task_.unschedule();
  return n > 0;
}

// One recvmmsg per task run: bounded work, so a flooding peer cannot starve
// the device tasks. Returns the number of messages taken.
int FromUserDevice::receive() {
  struct mmsghdr msgs[1024];
  struct iovec iov[1024];
  for (int i = 0; i < burst_; ++i) {
    iov[i].iov_base = spare_[i]->data();
    iov[i].iov_len = mtu_;
    std::memset(&msgs[i].msg_hdr, 0, sizeof msgs[i].msg_hdr);
    msgs[i].msg_hdr.msg_iov = &iov[i];
    msgs[i].msg_hdr.msg_iovlen = 1;
    msgs[i].msg_len = 0;
  }
  int n = recvmmsg(chan_.peer_fd(), msgs, unsigned(burst_), MSG_DONTWAIT, nullptr);
  if (n < 0) {
    if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) chan_.close_peer();
    return 0;
  }
  bool eof = n == 0;
  int emitted = 0;
  for (int i = 0; i < n; ++i) {
    uint32_t len = msgs[i].msg_len;
    if (len == 0 && !(msgs[i].msg_hdr.msg_flags & MSG_TRUNC)) {
      // SOCK_SEQPACKET reports the peer's close as a zero-length read
      eof = true;
      break;
    }
    if (msgs[i].msg_hdr.msg_flags & MSG_TRUNC) { ++drops_; continue; }
    WritablePacket* p = spare_[i];
    spare_[i] = nullptr;
    p->take(mtu_ - len);
    const unsigned char* d = p->data();
    unsigned hl = (d[0] & 0x0F) << 2;
    if (len >= 20 && (d[0] >> 4) == 4 && hl >= 20 && hl <= len) {
      p->set_network_header(d, hl);
      p->set_dst_ip_anno(IPAddress(d + 16));
    } else
      ++bad_;
    p->timestamp_anno() = Timestamp::now();
    ++count_;
    ++emitted;
    output(0).push(p);
  }
  for (auto& p : spare_)
    if (!p) p = Packet::make(headroom_, nullptr, mtu_, 0);
  if (eof) chan_.close_peer();
  return n;
}

void FromUserDevice::add_handlers() {
  add_data_handlers("count", Handler::f_read, &count_);
  add_data_handlers("drops", Handler::f_read, &drops_);
  add_data_handlers("bad", Handler::f_read, &bad_);
  add_read_handler("connected", [this]() { return String(chan_.connected() ? "true" : "false"); });
  add_read_handler("connections", [this]() { return std::to_string(chan_.connections()); });
  add_read_handler("path", [this]() { return chan_.path(); });
  add_write_handler("reset_counts", [this](const String&, ErrorHandler*) { count_ = drops_ = bad_ = 0; return 0; }, Handler::f_button);
}

EXPORT_ELEMENT(FromUserDevice)
CLICK_ENDDECLS
