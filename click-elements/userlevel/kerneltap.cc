// KernelTap, KernelTun. See kerneltap.hh.
#include "kerneltap.hh"
#include <click/args.hh>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <linux/if_tun.h>
#include <net/if.h>
#include <net/route.h>
#include <netinet/in.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>
CLICK_DECLS

KernelTap::~KernelTap() { if (fd_ >= 0) close(fd_); }

int KernelTap::configure(Vector<String>& conf, ErrorHandler* errh) {
  IPAddress addr, mask, gw;
  EtherAddress ether;
  uint32_t mtu = 1500, headroom = 48;
  int burst = 32;
  bool ignore = false;
  String devname = tun_ ? "tun%d" : "tap%d";
  Args args(conf, this, errh);
  args.read_mp("ADDR", IPPrefixArg(false), addr, mask)
      .read_p("GATEWAY", gw);
  have_gw_ = args.read_status_present();
  args.read("MTU", mtu)
      .read("DEVNAME", WordArg(), devname)
      .read("HEADROOM", headroom)
      .read("BURST", burst)
      .read("IGNORE_QUEUE_OVERFLOWS", ignore);
  if (!tun_) { args.read("ETHER", ether); have_ether_ = args.read_status_present(); }
  if (args.complete() < 0) return -EINVAL;
  if (devname.empty() || devname.size() >= IFNAMSIZ) return errh->error("DEVNAME: bad device name");
  if (mtu < 68 || mtu > 9000) return errh->error("MTU must be between 68 and 9000");
  if (headroom > 512) return errh->error("HEADROOM must be at most 512");
  if (burst < 1 || burst > 1024) return errh->error("BURST must be between 1 and 1024");
  addr_ = addr; mask_ = mask; gw_ = gw; ether_ = ether; mtu_ = mtu; devname_ = devname;
  headroom_ = headroom; burst_ = burst; ignore_overflows_ = ignore;
  return 0;
}

static void fill_sin(struct sockaddr* sa, IPAddress a) {
  struct sockaddr_in sin;
  std::memset(&sin, 0, sizeof sin);
  sin.sin_family = AF_INET;
  sin.sin_addr.s_addr = a.addr();
  std::memcpy(sa, &sin, sizeof sin);
}

int KernelTap::setup_device(ErrorHandler* errh) {
  int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (s < 0) return errh->error("socket: %s", strerror(errno));
  struct ifreq ifr;
  auto reset = [&]() { std::memset(&ifr, 0, sizeof ifr); std::strncpy(ifr.ifr_name, devname_.c_str(), IFNAMSIZ - 1); };
  const char* what = nullptr;
  reset(); ifr.ifr_mtu = int(mtu_);
  if (ioctl(s, SIOCSIFMTU, &ifr) < 0) what = "MTU";
  if (!what && have_ether_) {
    reset(); ifr.ifr_hwaddr.sa_family = 1;  // ARPHRD_ETHER
    std::memcpy(ifr.ifr_hwaddr.sa_data, ether_.data(), 6);
    if (ioctl(s, SIOCSIFHWADDR, &ifr) < 0) what = "ETHER";
  }
  if (!what) { reset(); fill_sin(&ifr.ifr_addr, addr_); if (ioctl(s, SIOCSIFADDR, &ifr) < 0) what = "address"; }
  if (!what) { reset(); fill_sin(&ifr.ifr_netmask, mask_); if (ioctl(s, SIOCSIFNETMASK, &ifr) < 0) what = "netmask"; }
  if (!what) {
    reset();
    if (ioctl(s, SIOCGIFFLAGS, &ifr) < 0) what = "flags";
    else { ifr.ifr_flags |= IFF_UP | IFF_RUNNING; if (ioctl(s, SIOCSIFFLAGS, &ifr) < 0) what = "up"; }
  }
  if (!what && have_gw_) {
    struct rtentry rt;
    std::memset(&rt, 0, sizeof rt);
    fill_sin(&rt.rt_dst, IPAddress(0u));
    fill_sin(&rt.rt_genmask, IPAddress(0u));
    fill_sin(&rt.rt_gateway, gw_);
    rt.rt_flags = RTF_UP | RTF_GATEWAY;
    rt.rt_dev = const_cast<char*>(devname_.c_str());
    if (ioctl(s, SIOCADDRT, &rt) < 0 && errno != EEXIST) what = "default route";
  }
  int e = errno;
  close(s);
  if (what) return errh->error("%s: setting %s: %s", devname_.c_str(), what, strerror(e));
  return 0;
}

int KernelTap::initialize(ErrorHandler* errh) {
  if (HotSwap::pending(hotswap_key())) {
    if (ninputs() && input_is_pull(0)) task_.initialize(this, true);
    return 0;
  }
  fd_ = open("/dev/net/tun", O_RDWR | O_NONBLOCK | O_CLOEXEC);
  if (fd_ < 0) return errh->error("/dev/net/tun: %s", strerror(errno));
  struct ifreq ifr;
  std::memset(&ifr, 0, sizeof ifr);
  ifr.ifr_flags = (tun_ ? IFF_TUN : IFF_TAP) | IFF_NO_PI;
  std::strncpy(ifr.ifr_name, devname_.c_str(), IFNAMSIZ - 1);
  if (ioctl(fd_, TUNSETIFF, &ifr) < 0) return errh->error("%s: TUNSETIFF: %s", devname_.c_str(), strerror(errno));
  devname_ = ifr.ifr_name;
  if (setup_device(errh) < 0) return -1;
  add_select(fd_, SELECT_READ);
  if (ninputs() && input_is_pull(0)) task_.initialize(this, true);
  return 0;
}

void KernelTap::take_state(Element* old_e, ErrorHandler*) {
  auto* old = static_cast<KernelTap*>(old_e);
  if (fd_ >= 0 || old->fd_ < 0) return;
  fd_ = old->fd_;
  old->fd_ = -1;
  devname_ = old->devname_;
  count_ += old->count_; sent_ += old->sent_; drops_ += old->drops_;
  add_select(fd_, SELECT_READ);
}

void KernelTap::cleanup(CleanupStage) {
  if (fd_ >= 0) { remove_select(fd_, SELECT_READ); close(fd_); fd_ = -1; }
}

void KernelTap::selected(int fd, int) {
  if (fd != fd_) return;
  uint32_t cap = mtu_ + 14 + 4;
  for (int i = 0; i < burst_; ++i) {
    WritablePacket* p = Packet::make(headroom_, nullptr, cap, 0);
    if (!p) return;
    ssize_t r = read(fd_, p->data(), cap);
    if (r <= 0) { p->kill(); return; }
    p->take(cap - uint32_t(r));
    if (tun_) {
      unsigned hl = (p->data()[0] & 0x0F) << 2;
      if (r < 20 || (p->data()[0] >> 4) != 4 || hl < 20 || hl > uint32_t(r)) { ++drops_; p->kill(); continue; }
      p->set_network_header(p->data(), hl);
    } else {
      if (r < 14) { ++drops_; p->kill(); continue; }
      p->set_mac_header(p->data(), 14);
    }
    p->set_timestamp_anno(Timestamp::now());
    ++count_;
    output(0).push(p);
  }
}

void KernelTap::send_to_stack(Packet* p) {
  ssize_t r = write(fd_, p->data(), p->length());
  if (r == ssize_t(p->length())) ++sent_;
  else {
    ++drops_;
    if (!ignore_overflows_ && !warned_) {
      click_chatter("%s: %s refused a packet: %s", declaration().c_str(), devname_.c_str(), r < 0 ? strerror(errno) : "short write");
      warned_ = true;
    }
  }
  p->kill();
}

void KernelTap::push(int, Packet* p) { send_to_stack(p); }

bool KernelTap::run_task(Task*) {
  int n = 0;
  for (; n < burst_; ++n) {
    Packet* p = input(0).pull();
    if (!p) break;
    send_to_stack(p);
  }
  task_.fast_reschedule();
  return n > 0;
}

void KernelTap::add_handlers() {
  add_data_handlers("dev_name", Handler::f_read, &devname_);
  add_data_handlers("count", Handler::f_read, &count_);
  add_data_handlers("sent", Handler::f_read, &sent_);
  add_data_handlers("drops", Handler::f_read, &drops_);
}

EXPORT_ELEMENT(KernelTap)
EXPORT_ELEMENT(KernelTun)
CLICK_ENDDECLS
