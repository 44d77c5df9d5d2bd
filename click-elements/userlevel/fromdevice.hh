// -*- c++ -*-
#ifndef NETSERV_FROMDEVICE_HH
#define NETSERV_FROMDEVICE_HH
#include <click/element.hh>
#include <click/task.hh>
#include "hotswap.hh"
#include <cstring>
CLICK_DECLS
/*
=c

FromDevice(DEVNAME [, I<keywords> PROMISC, SNIFFER, OUTBOUND, BURST, HEADROOM, SNAPLEN, BLOCK_SIZE, BLOCKS, TIMEOUT, METHOD])

=s netdevices

reads packets from network device (user-level, AF_PACKET TPACKET_V3)

=d

Reads Ethernet frames from the network interface DEVNAME and pushes them out
of output 0, with the MAC header annotation at the frame's start, the packet
type annotation (HOST, BROADCAST, MULTICAST, OTHERHOST) from the link layer,
the timestamp of reception and the device annotation (interface index).
Frames whose TCP/UDP checksum the sender left to offload (CHECKSUM_PARTIAL,
as from a local socket on a veth peer) get it completed in software.

The frames come through an AF_PACKET socket with a memory-mapped TPACKET_V3
receive ring: the kernel fills blocks of frames, the element walks a ready
block in place and copies each frame into a pooled packet buffer (one copy,
no system call per packet), then hands the block back. The element's task
handles at most BURST frames per run, so under overload the driver still
runs the transmit side and other sources between bursts instead of spending
everything on receive (receive livelock). When the ring is empty the task
sleeps until the kernel retires the next block (at most TIMEOUT later).

=k

=item PROMISC

Boolean. Put the interface in promiscuous mode while the element runs. Default false.

=item SNIFFER

Boolean. Kept for Click compatibility. At user level the Linux stack always
sees received frames as well; a router keeps the stack out of the way by
giving the interface no IP address and no ARP (see
click-configs/netserv-router.sh). Default true.

=item OUTBOUND

Boolean. Also emit frames this host sends on the interface. Default false
(the router's own transmissions are not read back).

=item BURST

Frames per task run. Default 32.

=item HEADROOM

Bytes reserved before each frame. Default 48.

=item SNAPLEN

Longest frame kept, in bytes. Default 2046 - HEADROOM.

=item BLOCK_SIZE, BLOCKS

Receive ring geometry: BLOCKS blocks of BLOCK_SIZE bytes (a power of two,
multiple of the page size). Default 64 blocks of 32 KiB (2 MiB). Below
line rate the kernel retires a block every TIMEOUT, partly filled, so the
ring buffers BLOCKS x TIMEOUT of traffic (128 ms) while the router is not
scheduled (on a busy shared CPU, tens of milliseconds happen): the number of
blocks matters more than their size. At line rate full blocks hold about 13000
minimum-size frames. Deeper rings only add delay (bufferbloat): 256 x 64 KiB
made every trial after an overload trial of the loss-free-rate search fail.

=item TIMEOUT

Block retire timeout in milliseconds: how long a partly filled block waits
before the kernel hands it over (the added latency at low rates). Default 2.

=item METHOD

How frames reach the device: LINUX (AF_PACKET), the only method of this
build and the default. PCAP, NETMAP, DPDK and XDP are refused.

=h method read-only

The method in use (LINUX).

=h count read-only

Frames emitted.

=h kernel_drops read-only

Frames the kernel dropped because the ring was full (cumulative).

=h oversize read-only

Frames dropped because they were longer than SNAPLEN (GRO/LRO aggregates,
jumbo frames): turn GRO and LRO off on router interfaces (ethtool -K DEV gro
off lro off; netserv-router.sh does).

=h ifindex read-only

The interface index.

=h encap read-only

Always ETHER.

=h reset_counts write-only

Resets count.

Hotconfig: a FromDevice on the same DEVNAME in the new configuration takes
over the socket and its ring where the old one stopped (no frame lost or seen
twice; the old ring geometry and options stay) and the counters.

=a ToDevice, KernelTap, FromUserDevice
*/
class FromDevice : public Element, public HotSwappable {
 public:
  FromDevice() : task_(this) {}
  ~FromDevice() override;
  const char* class_name() const override { return "FromDevice"; }
  const char* port_count() const override { return PORTS_0_1; }
  const char* processing() const override { return PUSH; }
  int configure_phase() const override { return CONFIGURE_PHASE_PRIVILEGED; }
  int configure(Vector<String>& conf, ErrorHandler* errh) override;
  int initialize(ErrorHandler* errh) override;
  void cleanup(CleanupStage) override;
  void add_handlers() override;
  bool run_task(Task*) override;
  void selected(int fd, int mask) override;
  void* cast(const char* n) override { return strcmp(n, "HotSwappable") == 0 ? static_cast<HotSwappable*>(this) : Element::cast(n); }
  String hotswap_key() const override { return "packet:" + ifname_; }
  void take_state(Element* old, ErrorHandler* errh) override;

  const String& ifname() const { return ifname_; }
  int ifindex() const { return ifindex_; }

 private:
  String ifname_;
  int ifindex_ = 0;
  bool promisc_ = false, sniffer_ = true, outbound_ = false;
  int burst_ = 32;
  uint32_t headroom_ = 48, snaplen_ = 0;
  uint32_t block_size_ = 1 << 15, blocks_ = 64, timeout_ms_ = 2;
  int fd_ = -1;
  unsigned char* ring_ = nullptr;
  size_t ring_len_ = 0;
  uint32_t block_ = 0;          // block being walked
  uint32_t left_in_block_ = 0;  // frames of that block not yet emitted
  unsigned char* frame_ = nullptr;
  bool ignore_outgoing_in_kernel_ = false;
  uint64_t count_ = 0, kernel_drops_ = 0, oversize_ = 0;
  Task task_;

  void update_kernel_drops();
};
CLICK_ENDDECLS
#endif
