// FromDevice. See fromdevice.hh.
//
// TPACKET_V3 receive ring, as the kernel lays it out (linux/if_packet.h):
//
//   ring_: | block 0 | block 1 | ... | block BLOCKS-1 |     each BLOCK_SIZE bytes
//   block: | tpacket_block_desc (hdr.bh1: block_status, num_pkts,
//          |   offset_to_first_pkt, ...) | frame | frame | ...
//   frame: | tpacket3_hdr (tp_next_offset, tp_sec, tp_nsec, tp_snaplen,
//          |   tp_len, tp_mac, tp_net, hv1.tp_vlan_tci) | sockaddr_ll at
//          |   TPACKET_ALIGN(sizeof tpacket3_hdr) | ... | frame at tp_mac |
//
// A block belongs to user space while block_status has TP_STATUS_USER; we
// hand it back by writing TP_STATUS_KERNEL once every frame is copied out.
#include "fromdevice.hh"
#include "devicemethod.hh"
#include <click/args.hh>
#include <click/confparse.hh>
#include <click/checksum.hh>
#include <cerrno>
#include <cstring>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <arpa/inet.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>
CLICK_DECLS

#ifndef PACKET_IGNORE_OUTGOING
#define PACKET_IGNORE_OUTGOING 23
#endif

FromDevice::~FromDevice() { cleanup(CLEANUP_MANUAL); }

// A frame sent by a local socket on a veth/tap peer (or by a NIC driver doing
// checksum offload) can arrive with CHECKSUM_PARTIAL: the TCP/UDP checksum field
// holds only the pseudo-header sum (TP_STATUS_CSUMNOTREADY). Leaving the host
// through another interface it would be wrong, so complete it here.
static void complete_checksum(WritablePacket* p) {
  unsigned char* d = p->data();
  uint32_t len = p->length();
  if (len < 14 + 20 || d[12] != 0x08 || d[13] != 0x00) return;
  click_ip* ip = reinterpret_cast<click_ip*>(d + 14);
  unsigned hl = ip->ip_hl << 2;
  uint32_t iplen = ntohs(ip->ip_len);
  if (ip->ip_v != 4 || hl < 20 || iplen < hl || 14 + iplen > len) return;
  if (ntohs(ip->ip_off) & 0x3FFF) return;   // fragments are never CHECKSUM_PARTIAL
  unsigned char* th = d + 14 + hl;
  uint32_t tlen = iplen - hl;
  int sumoff;
  if (ip->ip_p == IP_PROTO_TCP && tlen >= 20) sumoff = 16;
  else if (ip->ip_p == IP_PROTO_UDP && tlen >= 8) sumoff = 6;
  else return;
  th[sumoff] = th[sumoff + 1] = 0;
  uint16_t c = click_in_cksum_pseudohdr(click_in_cksum_partial(th, int(tlen)), ip->ip_src.s_addr, ip->ip_dst.s_addr, ip->ip_p, int(tlen));
  if (c == 0 && ip->ip_p == IP_PROTO_UDP) c = 0xFFFF;
  std::memcpy(th + sumoff, &c, 2);
}

int FromDevice::configure(Vector<String>& conf, ErrorHandler* errh) {
  String ifname, method;
  bool promisc = false, sniffer = true, outbound = false;
  int burst = 32;
  uint32_t headroom = 48, snaplen = 0, block_size = 1 << 15, blocks = 64, timeout = 2;
  if (Args(conf, this, errh)
          .read_mp("DEVNAME", WordArg(), ifname)
          .read("PROMISC", promisc)
          .read("SNIFFER", sniffer)
          .read("OUTBOUND", outbound)
          .read("BURST", burst)
          .read("HEADROOM", headroom)
          .read("SNAPLEN", snaplen)
          .read("BLOCK_SIZE", block_size)
          .read("BLOCKS", blocks)
          .read("TIMEOUT", timeout)
          .read("METHOD", WordArg(), method)
          .complete() < 0)
    return -EINVAL;
  if (check_device_method(method, errh) < 0) return -EINVAL;
  if (ifname.empty() || ifname.size() >= IFNAMSIZ) return errh->error("DEVNAME: bad interface name '%s'", ifname.c_str());
  if (burst < 1 || burst > 4096) return errh->error("BURST must be between 1 and 4096");
  if (headroom > 512) return errh->error("HEADROOM must be at most 512");
  long page = sysconf(_SC_PAGESIZE);
  if (block_size < uint32_t(page) || (block_size & (block_size - 1)) || block_size > (1u << 24))
    return errh->error("BLOCK_SIZE must be a power of two between the page size and 16 MiB");
  if (blocks < 2 || blocks > 4096) return errh->error("BLOCKS must be between 2 and 4096");
  if (timeout < 1 || timeout > 1000) return errh->error("TIMEOUT must be between 1 and 1000 ms");
  if (snaplen == 0) snaplen = 2046 - headroom;
  if (snaplen < 14 || snaplen > 65535) return errh->error("SNAPLEN must be between 14 and 65535");
  ifname_ = ifname; promisc_ = promisc; sniffer_ = sniffer; outbound_ = outbound; burst_ = burst;
  headroom_ = headroom; snaplen_ = snaplen; block_size_ = block_size; blocks_ = blocks; timeout_ms_ = timeout;
  return 0;
}

int FromDevice::initialize(ErrorHandler* errh) {
  ifindex_ = int(if_nametoindex(ifname_.c_str()));
  if (!ifindex_) return errh->error("%s: no such network interface", ifname_.c_str());
  if (HotSwap::pending(hotswap_key())) { task_.initialize(this, false); return 0; }
  // protocol 0 until everything is set up: no frames arrive before bind
  fd_ = socket(AF_PACKET, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd_ < 0) return errh->error("%s: AF_PACKET socket: %s%s", ifname_.c_str(), strerror(errno), errno == EPERM ? " (needs CAP_NET_RAW)" : "");
  int v = TPACKET_V3;
  if (setsockopt(fd_, SOL_PACKET, PACKET_VERSION, &v, sizeof v) < 0)
    return errh->error("%s: TPACKET_V3: %s", ifname_.c_str(), strerror(errno));
  struct tpacket_req3 req;
  std::memset(&req, 0, sizeof req);
  req.tp_block_size = block_size_;
  req.tp_block_nr = blocks_;
  req.tp_frame_size = 2048;
  req.tp_frame_nr = (block_size_ / 2048) * blocks_;
  req.tp_retire_blk_tov = timeout_ms_;
  req.tp_feature_req_word = 0;
  if (setsockopt(fd_, SOL_PACKET, PACKET_RX_RING, &req, sizeof req) < 0)
    return errh->error("%s: PACKET_RX_RING: %s", ifname_.c_str(), strerror(errno));
  ring_len_ = size_t(block_size_) * blocks_;
  void* m = mmap(nullptr, ring_len_, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_LOCKED | MAP_POPULATE, fd_, 0);
  if (m == MAP_FAILED) m = mmap(nullptr, ring_len_, PROT_READ | PROT_WRITE, MAP_SHARED, fd_, 0);
  if (m == MAP_FAILED) { ring_ = nullptr; return errh->error("%s: mmap ring: %s", ifname_.c_str(), strerror(errno)); }
  ring_ = static_cast<unsigned char*>(m);
  if (!outbound_) {
    int one = 1;
    ignore_outgoing_in_kernel_ = setsockopt(fd_, SOL_PACKET, PACKET_IGNORE_OUTGOING, &one, sizeof one) == 0;
  }
  struct sockaddr_ll sll;
  std::memset(&sll, 0, sizeof sll);
  sll.sll_family = AF_PACKET;
  sll.sll_protocol = htons(ETH_P_ALL);
  sll.sll_ifindex = ifindex_;
  if (bind(fd_, reinterpret_cast<sockaddr*>(&sll), sizeof sll) < 0)
    return errh->error("%s: bind: %s", ifname_.c_str(), strerror(errno));
  if (promisc_) {
    struct packet_mreq mr;
    std::memset(&mr, 0, sizeof mr);
    mr.mr_ifindex = ifindex_;
    mr.mr_type = PACKET_MR_PROMISC;
    if (setsockopt(fd_, SOL_PACKET, PACKET_ADD_MEMBERSHIP, &mr, sizeof mr) < 0)
      return errh->error("%s: promiscuous mode: %s", ifname_.c_str(), strerror(errno));
  }
  add_select(fd_, SELECT_READ);
  task_.initialize(this, true);
  return 0;
}

void FromDevice::take_state(Element* old_e, ErrorHandler*) {
  auto* old = static_cast<FromDevice*>(old_e);
  if (fd_ >= 0 || old->fd_ < 0) return;
  fd_ = old->fd_; ring_ = old->ring_; ring_len_ = old->ring_len_;
  block_size_ = old->block_size_; blocks_ = old->blocks_;
  block_ = old->block_; left_in_block_ = old->left_in_block_; frame_ = old->frame_;
  ignore_outgoing_in_kernel_ = old->ignore_outgoing_in_kernel_;
  promisc_ = old->promisc_; outbound_ = old->outbound_;
  count_ += old->count_; kernel_drops_ += old->kernel_drops_; oversize_ += old->oversize_;
  old->fd_ = -1; old->ring_ = nullptr;
  add_select(fd_, SELECT_READ);
  task_.reschedule();
}

void FromDevice::cleanup(CleanupStage) {
  if (fd_ >= 0) { remove_select(fd_, SELECT_READ); close(fd_); fd_ = -1; }
  if (ring_) { munmap(ring_, ring_len_); ring_ = nullptr; }
}

bool FromDevice::run_task(Task*) {
  int n = 0;
  while (n < burst_) {
    auto* bd = reinterpret_cast<tpacket_block_desc*>(ring_ + size_t(block_) * block_size_);
    if (left_in_block_ == 0) {
      if (!(__atomic_load_n(&bd->hdr.bh1.block_status, __ATOMIC_ACQUIRE) & TP_STATUS_USER)) {
        // ring empty: sleep until the kernel retires a block (epoll wakes us)
        task_.unschedule();
        return n > 0;
      }
      left_in_block_ = bd->hdr.bh1.num_pkts;
      frame_ = reinterpret_cast<unsigned char*>(bd) + bd->hdr.bh1.offset_to_first_pkt;
      if (left_in_block_ == 0) goto release;
    }
    {
      auto* h = reinterpret_cast<tpacket3_hdr*>(frame_);
      auto* sll = reinterpret_cast<sockaddr_ll*>(frame_ + TPACKET_ALIGN(sizeof(tpacket3_hdr)));
      unsigned char* next = frame_ + h->tp_next_offset;
      bool skip = !outbound_ && !ignore_outgoing_in_kernel_ && sll->sll_pkttype == PACKET_OUTGOING;
      if (!skip) {
        uint32_t len = std::min<uint32_t>(h->tp_snaplen, snaplen_);
        WritablePacket* p = h->tp_len > snaplen_ ? nullptr : Packet::make(headroom_, frame_ + h->tp_mac, len, 0);
        // A frame longer than SNAPLEN is a GRO/LRO/GSO aggregate (or a jumbo
        // frame): forwarding it truncated would corrupt it, so it is counted and
        // dropped. netserv-router.sh turns GRO/LRO off on the interfaces.
        if (!p) ++oversize_;
        else {
          if (h->tp_status & TP_STATUS_CSUMNOTREADY) complete_checksum(p);
          p->set_mac_header(p->data(), 14);
          p->set_packet_type_anno(Packet::PacketType(sll->sll_pkttype <= 6 ? sll->sll_pkttype : 0));
          p->set_timestamp_anno(Timestamp::make_nsec(h->tp_sec, h->tp_nsec));
          p->set_device_anno(ifindex_);
          if (h->tp_len > len) p->set_anno_u32(EXTRA_LENGTH_ANNO_OFFSET, h->tp_len - len);
          ++count_;
          ++n;
          output(0).push(p);
        }
      }
      frame_ = next;
      if (--left_in_block_ > 0) continue;
    }
  release:
    __atomic_store_n(&bd->hdr.bh1.block_status, TP_STATUS_KERNEL, __ATOMIC_RELEASE);
    block_ = (block_ + 1) % blocks_;
  }
  task_.fast_reschedule();
  return true;
}

void FromDevice::selected(int fd, int) {
  if (fd == fd_ && !task_.scheduled()) task_.reschedule();
}

void FromDevice::update_kernel_drops() {
  struct tpacket_stats_v3 st;
  socklen_t len = sizeof st;
  // reading the statistics resets them in the kernel, hence the running sum
  if (fd_ >= 0 && getsockopt(fd_, SOL_PACKET, PACKET_STATISTICS, &st, &len) == 0) kernel_drops_ += st.tp_drops;
}

void FromDevice::add_handlers() {
  add_read_handler("method", []() { return String("LINUX"); });
  add_data_handlers("count", Handler::f_read, &count_);
  add_read_handler("kernel_drops", [this]() { update_kernel_drops(); return std::to_string(kernel_drops_); });
  add_data_handlers("oversize", Handler::f_read, &oversize_);
  add_data_handlers("ifindex", Handler::f_read, &ifindex_);
  add_read_handler("encap", []() { return String("ETHER"); });
  add_write_handler("reset_counts", [this](const String&, ErrorHandler*) { count_ = 0; update_kernel_drops(); kernel_drops_ = 0; return 0; }, Handler::f_button);
}

EXPORT_ELEMENT(FromDevice)
CLICK_ENDDECLS
