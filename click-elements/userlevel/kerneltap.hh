// -*- c++ -*-
#ifndef NETSERV_KERNELTAP_HH
#define NETSERV_KERNELTAP_HH
#include <click/element.hh>
#include <click/task.hh>
#include <click/etheraddress.hh>
#include "hotswap.hh"
#include <cstring>
CLICK_DECLS
/*
=c

KernelTap(ADDR/MASK [, GATEWAY, I<keywords> ETHER, MTU, DEVNAME, HEADROOM, BURST, IGNORE_QUEUE_OVERFLOWS])

KernelTun(ADDR/MASK [, GATEWAY, I<keywords> MTU, DEVNAME, HEADROOM, BURST, IGNORE_QUEUE_OVERFLOWS])

=s netdevices

interface to the Linux stack through a tap (KernelTap) or tun (KernelTun) device

=d

Creates a Linux tap device (KernelTap: Ethernet frames) or tun device
(KernelTun: IP packets), gives it the address ADDR/MASK and brings it up. What
the Linux stack sends into the device comes out of output 0; what arrives on
input 0 is handed to the Linux stack as if received on the device. This is how
a router's own addresses live in the host: sockets bound to them (signaling
daemon, controller, servers) work, and their traffic passes through the graph.

KernelTap emits Ethernet frames (MAC header annotation set); the kernel will
ARP for next hops through the tap, so configurations answer its ARP requests
(e.g. ARPResponder(0.0.0.0/0 ETHER2)). KernelTun emits IPv4 packets with the IP
header annotation set; input must be IPv4 packets.

If GATEWAY is given, a default route via GATEWAY through the device is added.
Further addresses and routes can be added with ip(8) once the device exists.
The device disappears when the router stops.

=k

=item ETHER

The tap device's Ethernet address (KernelTap). Default: chosen by the kernel.

=item MTU

The device MTU. Default 1500.

=item DEVNAME

The device name; may contain %d. Default "tap%d" / "tun%d".

=item HEADROOM

Bytes reserved before each packet read. Default 48.

=item BURST

Packets read per readiness event. Default 32.

=item IGNORE_QUEUE_OVERFLOWS

Boolean. Do not warn when the device refuses a packet. Default false.

=h dev_name read-only

The device's actual name.

=h count read-only

Packets read from the stack (emitted).

=h sent read-only

Packets handed to the stack.

=h drops read-only

Packets the stack refused, or malformed input.

Hotconfig: a KernelTap with the same DEVNAME in the new configuration takes
over the device as it is (addresses, routes and sockets on it stay; the new
ADDR/MASK, ETHER and MTU are not re-applied) and the counters.

=a FromDevice, ToDevice, ARPResponder
*/
class KernelTap : public Element, public HotSwappable {
 public:
  KernelTap() : task_(this) {}
  ~KernelTap() override;
  const char* class_name() const override { return "KernelTap"; }
  const char* port_count() const override { return "0-1/1"; }
  const char* processing() const override { return "a/h"; }
  int configure_phase() const override { return CONFIGURE_PHASE_PRIVILEGED; }
  int configure(Vector<String>& conf, ErrorHandler* errh) override;
  int initialize(ErrorHandler* errh) override;
  void cleanup(CleanupStage) override;
  void add_handlers() override;
  void push(int port, Packet* p) override;
  bool run_task(Task*) override;
  void selected(int fd, int mask) override;
  void* cast(const char* n) override { return strcmp(n, "HotSwappable") == 0 ? static_cast<HotSwappable*>(this) : Element::cast(n); }
  String hotswap_key() const override { return String(tun_ ? "tun:" : "tap:") + devname_; }
  void take_state(Element* old, ErrorHandler* errh) override;

 protected:
  bool tun_ = false;
 private:
  IPAddress addr_, mask_, gw_;
  bool have_gw_ = false;
  EtherAddress ether_;
  bool have_ether_ = false;
  uint32_t mtu_ = 1500, headroom_ = 48;
  int burst_ = 32;
  bool ignore_overflows_ = false;
  String devname_;
  int fd_ = -1;
  Task task_;
  uint64_t count_ = 0, sent_ = 0, drops_ = 0;
  bool warned_ = false;

  int setup_device(ErrorHandler* errh);
  void send_to_stack(Packet* p);
};

class KernelTun : public KernelTap {
 public:
  KernelTun() { tun_ = true; }
  const char* class_name() const override { return "KernelTun"; }
};
CLICK_ENDDECLS
#endif
