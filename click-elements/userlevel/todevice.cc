// ToDevice. See todevice.hh.
#include "todevice.hh"
#include "devicemethod.hh"
#include <click/args.hh>
#include <cerrno>
#include <cstring>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <arpa/inet.h>
#include <sys/socket.h>
#include <unistd.h>
CLICK_DECLS

#ifndef PACKET_QDISC_BYPASS
#define PACKET_QDISC_BYPASS 20
#endif

ToDevice::~ToDevice() {
  for (size_t i = 0; i < len_; ++i) ring_[(head_ + i) & (ring_.size() - 1)]->kill();
  if (fd_ >= 0) close(fd_);
}

int ToDevice::configure(Vector<String>& conf, ErrorHandler* errh) {
  String ifname, method;
  int burst = 32;
  uint32_t capacity = 4096;
  bool bypass = true;
  uint32_t sndbuf = 4 << 20;
  if (Args(conf, this, errh)
          .read_mp("DEVNAME", WordArg(), ifname)
          .read("BURST", burst)
          .read("QUEUE", capacity)
          .read("QDISC_BYPASS", bypass)
          .read("SNDBUF", sndbuf)
          .read("METHOD", WordArg(), method)
          .complete() < 0)
    return -EINVAL;
  if (check_device_method(method, errh) < 0) return -EINVAL;
  if (ifname.empty() || ifname.size() >= IFNAMSIZ) return errh->error("DEVNAME: bad interface name '%s'", ifname.c_str());
  if (burst < 1 || burst > 1024) return errh->error("BURST must be between 1 and 1024");
  if (capacity < 1 || capacity > (1u << 20)) return errh->error("QUEUE must be between 1 and 1048576");
  if (sndbuf < 65536 || sndbuf > (256u << 20)) return errh->error("SNDBUF must be between 64 KiB and 256 MiB");
  ifname_ = ifname; burst_ = burst; capacity_ = capacity; qdisc_bypass_ = bypass; sndbuf_ = sndbuf;
  size_t n = 1;
  while (n < capacity_) n <<= 1;
  ring_.assign(n, nullptr);
  return 0;
}

int ToDevice::initialize(ErrorHandler* errh) {
  ifindex_ = int(if_nametoindex(ifname_.c_str()));
  if (!ifindex_) return errh->error("%s: no such network interface", ifname_.c_str());
  // protocol 0: a transmit-only socket, the kernel queues nothing to it
  fd_ = socket(AF_PACKET, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd_ < 0) return errh->error("%s: AF_PACKET socket: %s%s", ifname_.c_str(), strerror(errno), errno == EPERM ? " (needs CAP_NET_RAW)" : "");
  if (qdisc_bypass_) {
    int one = 1;
    setsockopt(fd_, SOL_PACKET, PACKET_QDISC_BYPASS, &one, sizeof one);  // optional speed-up
  }
  // Frames count against the send buffer until the receiver frees them; on a
  // veth that is the peer's whole receive path, so the default (~200 KiB)
  // would stall transmission long before the link is busy.
  int sb = int(sndbuf_);
  if (setsockopt(fd_, SOL_SOCKET, SO_SNDBUFFORCE, &sb, sizeof sb) < 0) setsockopt(fd_, SOL_SOCKET, SO_SNDBUF, &sb, sizeof sb);
  struct sockaddr_ll sll;
  std::memset(&sll, 0, sizeof sll);
  sll.sll_family = AF_PACKET;
  sll.sll_protocol = 0;
  sll.sll_ifindex = ifindex_;
  if (bind(fd_, reinterpret_cast<sockaddr*>(&sll), sizeof sll) < 0)
    return errh->error("%s: bind: %s", ifname_.c_str(), strerror(errno));
  task_.initialize(this, input_is_pull(0));
  return 0;
}

void ToDevice::cleanup(CleanupStage) {
  if (fd_ >= 0) { remove_select(fd_, SELECT_WRITE); close(fd_); fd_ = -1; }
}

void ToDevice::push(int, Packet* p) {
  if (len_ >= capacity_) { ++drops_; p->kill(); return; }
  ring_[(head_ + len_) & (ring_.size() - 1)] = p;
  ++len_;
  if (len_ >= size_t(burst_) && !waiting_writable_) send_burst();
  else if (!task_.scheduled() && !waiting_writable_) task_.reschedule();
}

// One sendmmsg for up to BURST queued frames. Each message names the
// interface and the frame's EtherType, so the socket needs no protocol binding.
void ToDevice::send_burst() {
  if (fd_ < 0 || len_ == 0) return;
  struct mmsghdr msgs[1024];
  struct iovec iov[1024];
  struct sockaddr_ll sll[1024];
  int n = int(std::min<size_t>(len_, size_t(burst_)));
  for (int i = 0; i < n; ++i) {
    Packet* p = ring_[(head_ + i) & (ring_.size() - 1)];
    iov[i].iov_base = const_cast<unsigned char*>(p->data());
    iov[i].iov_len = p->length();
    std::memset(&sll[i], 0, sizeof sll[i]);
    sll[i].sll_family = AF_PACKET;
    sll[i].sll_ifindex = ifindex_;
    if (p->length() >= 14) std::memcpy(&sll[i].sll_protocol, p->data() + 12, 2);
    std::memset(&msgs[i].msg_hdr, 0, sizeof msgs[i].msg_hdr);
    msgs[i].msg_hdr.msg_name = &sll[i];
    msgs[i].msg_hdr.msg_namelen = sizeof sll[i];
    msgs[i].msg_hdr.msg_iov = &iov[i];
    msgs[i].msg_hdr.msg_iovlen = 1;
  }
  int sent = sendmmsg(fd_, msgs, unsigned(n), MSG_DONTWAIT);
  int drop = 0;
  if (sent < 0) {
    if (errno == EAGAIN || errno == EWOULDBLOCK || errno == ENOBUFS) {
      ++stalls_;
      waiting_writable_ = true;
      task_.unschedule();
      add_select(fd_, SELECT_WRITE);
      return;
    }
    // EMSGSIZE, ENETDOWN, ENXIO...: the head frame cannot go; drop it, keep the rest
    last_errno_ = errno;
    sent = 0;
    drop = 1;
  }
  for (int i = 0; i < sent + drop; ++i) {
    ring_[head_]->kill();
    ring_[head_] = nullptr;
    head_ = (head_ + 1) & (ring_.size() - 1);
  }
  len_ -= size_t(sent + drop);
  count_ += uint64_t(sent);
  drops_ += uint64_t(drop);
}

bool ToDevice::run_task(Task*) {
  bool pulling = input_is_pull(0);
  if (pulling && !waiting_writable_) {
    for (int i = 0; i < burst_ && len_ < capacity_; ++i) {
      ++pulls_;
      Packet* p = input(0).pull();
      if (!p) break;
      ring_[(head_ + len_) & (ring_.size() - 1)] = p;
      ++len_;
    }
  }
  size_t before = len_;
  if (!waiting_writable_) send_burst();
  if (waiting_writable_) return before != len_;
  if (len_ > 0 || pulling) task_.fast_reschedule();
  else task_.unschedule();
  return before != len_;
}

void ToDevice::selected(int fd, int mask) {
  if (fd != fd_ || !(mask & SELECT_WRITE)) return;
  remove_select(fd_, SELECT_WRITE);
  waiting_writable_ = false;
  task_.reschedule();
}

void ToDevice::add_handlers() {
  add_read_handler("method", []() { return String("LINUX"); });
  add_data_handlers("count", Handler::f_read, &count_);
  add_data_handlers("drops", Handler::f_read, &drops_);
  add_data_handlers("length", Handler::f_read, &len_);
  add_data_handlers("stalls", Handler::f_read, &stalls_);
  add_read_handler("last_error", [this]() { return String(last_errno_ ? strerror(last_errno_) : ""); });
  add_data_handlers("pulls", Handler::f_read, &pulls_);
  add_write_handler("reset_counts", [this](const String&, ErrorHandler*) { count_ = drops_ = pulls_ = 0; return 0; }, Handler::f_button);
}

EXPORT_ELEMENT(ToDevice)
CLICK_ENDDECLS
