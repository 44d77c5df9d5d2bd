// ToUserDevice. See touserdevice.hh.
#include "touserdevice.hh"
#include <click/args.hh>
#include <click/confparse.hh>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <sys/socket.h>
CLICK_DECLS

ToUserDevice::~ToUserDevice() {
  for (size_t i = 0; i < count_in_ring_; ++i) ring_[(head_ + i) & (ring_.size() - 1)]->kill();
}

int ToUserDevice::configure(Vector<String>& conf, ErrorHandler* errh) {
  String name, devdir = UserChannel::default_devdir();
  uint32_t capacity = 1024, mode = 0660;
  int burst = 64;
  bool drop_tail = true;
  uint32_t sndbuf = 4 << 20;
  String modestr;
  if (Args(conf, this, errh)
          .read_mp("NAME", WordArg(), name)
          .read("CAPACITY", capacity)
          .read("BURST", burst)
          .read("DEVDIR", FilenameArg(), devdir)
          .read("DROP_TAIL", drop_tail)
          .read("MODE", WordArg(), modestr)
          .read("SNDBUF", sndbuf)
          .complete() < 0)
    return -EINVAL;
  if (UserChannel::check_name(name, errh) < 0) return -EINVAL;
  if (capacity < 1 || capacity > (1u << 20)) return errh->error("CAPACITY must be between 1 and 1048576");
  if (burst < 1 || burst > 1024) return errh->error("BURST must be between 1 and 1024");
  if (!drop_tail) return errh->error("DROP_TAIL false is not supported (the queue is drop-tail)");
  if (!modestr.empty()) {
    char* end;
    unsigned long m = strtoul(modestr.c_str(), &end, 8);
    if (*end || m > 0777) return errh->error("MODE: expected octal permissions like 0660");
    mode = uint32_t(m);
  }
  if (sndbuf < 65536 || sndbuf > (256u << 20)) return errh->error("SNDBUF must be between 64 KiB and 256 MiB");
  name_ = name; devdir_ = devdir; capacity_ = capacity; burst_ = burst; mode_ = int(mode); sndbuf_ = sndbuf;
  return grow_ring(capacity_);
}

int ToUserDevice::grow_ring(uint32_t capacity) {
  size_t n = 1;
  while (n < capacity) n <<= 1;
  if (n <= ring_.size()) return 0;
  Vector<Packet*> r(n, nullptr);
  for (size_t i = 0; i < count_in_ring_; ++i) r[i] = ring_[(head_ + i) & (ring_.size() - 1)];
  ring_.swap(r);
  head_ = 0;
  return 0;
}

int ToUserDevice::initialize(ErrorHandler* errh) {
  if (!HotSwap::pending(hotswap_key()) && chan_.open(this, devdir_ + "/fromclick" + name_, mode_, errh) < 0) return -1;
  task_.initialize(this, ninputs() > 0 && input_is_pull(0));
  retry_.initialize(this);
  return 0;
}

void ToUserDevice::take_state(Element* old_e, ErrorHandler*) {
  auto* old = static_cast<ToUserDevice*>(old_e);
  chan_.take_from(old->chan_, this);
  while (old->count_in_ring_) {
    Packet* p = old->ring_[old->head_];
    old->head_ = (old->head_ + 1) & (old->ring_.size() - 1);
    --old->count_in_ring_;
    enqueue(p);
  }
  count_ += old->count_; drops_ += old->drops_; stalls_ += old->stalls_;
  waiting_writable_ = false;
  if (count_in_ring_ && chan_.connected()) task_.reschedule();
}

void ToUserDevice::cleanup(CleanupStage) { chan_.close_all(); }

void ToUserDevice::enqueue(Packet* p) {
  if (count_in_ring_ >= capacity_) {
    ++drops_;
    p->kill();
    return;
  }
  ring_[(head_ + count_in_ring_) & (ring_.size() - 1)] = p;
  ++count_in_ring_;
}

void ToUserDevice::push(int, Packet* p) {
  enqueue(p);
  // Batching: the task runs after the pushing element's burst is done, so one
  // sendmmsg carries what arrived in the meantime.
  if (chan_.connected() && !waiting_writable_ && !task_.scheduled()) task_.reschedule();
}

// Sends up to BURST queued packets with one sendmmsg.
void ToUserDevice::flush() {
  if (!chan_.connected() || waiting_writable_ || count_in_ring_ == 0) return;
  struct mmsghdr msgs[1024];
  struct iovec iov[1024];
  int n = int(std::min<size_t>(count_in_ring_, size_t(burst_)));
  for (int i = 0; i < n; ++i) {
    Packet* p = ring_[(head_ + i) & (ring_.size() - 1)];
    iov[i].iov_base = const_cast<unsigned char*>(p->data());
    iov[i].iov_len = p->length();
    std::memset(&msgs[i].msg_hdr, 0, sizeof msgs[i].msg_hdr);
    msgs[i].msg_hdr.msg_iov = &iov[i];
    msgs[i].msg_hdr.msg_iovlen = 1;
  }
  int sent = sendmmsg(chan_.peer_fd(), msgs, n, MSG_DONTWAIT | MSG_NOSIGNAL);
  if (sent < 0) {
    int e = errno;
    if (e == EAGAIN || e == EWOULDBLOCK || e == ENOBUFS) {
      waiting_writable_ = true;
      ++stalls_;
      retry_.schedule_after(Timestamp::make_usec(0, 200));
    } else if (e == EMSGSIZE) {
      // the peer's socket cannot take this packet at all: drop it, keep going
      ring_[head_]->kill();
      head_ = (head_ + 1) & (ring_.size() - 1);
      --count_in_ring_;
      ++drops_;
    } else {
      chan_.close_peer();   // EPIPE, ECONNRESET: the reader went away
    }
    return;
  }
  for (int i = 0; i < sent; ++i) {
    ring_[head_]->kill();
    ring_[head_] = nullptr;
    head_ = (head_ + 1) & (ring_.size() - 1);
  }
  count_in_ring_ -= size_t(sent);
  count_ += uint64_t(sent);
}

bool ToUserDevice::run_task(Task*) {
  if (ninputs() > 0 && input_is_pull(0)) {
    for (int i = 0; i < burst_ && count_in_ring_ < capacity_; ++i) {
      Packet* p = input(0).pull();
      if (!p) break;
      enqueue(p);
    }
  }
  size_t before = count_in_ring_;
  flush();
  bool worked = count_in_ring_ != before;
  bool pulling = ninputs() > 0 && input_is_pull(0);
  if ((count_in_ring_ > 0 && chan_.connected() && !waiting_writable_) || pulling) task_.fast_reschedule();
  else task_.unschedule();
  return worked;
}

void ToUserDevice::run_timer(Timer*) {
  waiting_writable_ = false;
  if (count_in_ring_ && chan_.connected()) task_.reschedule();
}

void ToUserDevice::selected(int fd, int mask) {
  if (fd == chan_.listen_fd()) {
    // The peer only reads; we listen on its fd for hang-ups (EOF reads as 0).
    if (chan_.accept_peer(SELECT_READ) >= 0) {
      // queued messages count against our send buffer until the peer reads them
      int sb = int(sndbuf_);
      if (setsockopt(chan_.peer_fd(), SOL_SOCKET, SO_SNDBUFFORCE, &sb, sizeof sb) < 0)
        setsockopt(chan_.peer_fd(), SOL_SOCKET, SO_SNDBUF, &sb, sizeof sb);
      waiting_writable_ = false;
      retry_.unschedule();
      if (count_in_ring_) task_.reschedule();
    }
    return;
  }
  if (fd != chan_.peer_fd()) return;
  if (mask & SELECT_WRITE) {
    remove_select(fd, SELECT_WRITE);
    waiting_writable_ = false;
    task_.reschedule();
  }
  if (mask & SELECT_READ) {
    char buf[256];
    ssize_t r = recv(fd, buf, sizeof buf, MSG_DONTWAIT);
    if (r == 0 || (r < 0 && errno != EAGAIN && errno != EWOULDBLOCK)) {
      chan_.close_peer();
      waiting_writable_ = false;
    }
    // A peer writing to a fromclick channel is a mistake; its data is ignored.
  }
}

void ToUserDevice::add_handlers() {
  add_data_handlers("count", Handler::f_read, &count_);
  add_data_handlers("drops", Handler::f_read, &drops_);
  add_data_handlers("stalls", Handler::f_read, &stalls_);
  add_data_handlers("length", Handler::f_read, &count_in_ring_);
  add_data_handlers("capacity", Handler::f_read, &capacity_);
  add_write_handler("capacity", [this](const String& s, ErrorHandler* errh) -> int {
    String t = cp_uncomment(s);
    char* end = nullptr;
    unsigned long c = t.empty() ? 0 : strtoul(t.c_str(), &end, 10);
    if (t.empty() || *end || c < 1 || c > (1u << 20)) return errh->error("capacity: expected an integer between 1 and 1048576");
    grow_ring(c);
    capacity_ = uint32_t(c);
    return 0;
  });
  add_read_handler("connected", [this]() { return String(chan_.connected() ? "true" : "false"); });
  add_read_handler("connections", [this]() { return std::to_string(chan_.connections()); });
  add_read_handler("path", [this]() { return chan_.path(); });
  add_write_handler("reset_counts", [this](const String&, ErrorHandler*) { count_ = drops_ = 0; return 0; }, Handler::f_button);
}

EXPORT_ELEMENT(ToUserDevice)
CLICK_ENDDECLS
