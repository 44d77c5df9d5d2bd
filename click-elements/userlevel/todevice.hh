// -*- c++ -*-
#ifndef NETSERV_TODEVICE_HH
#define NETSERV_TODEVICE_HH
#include <click/element.hh>
#include <click/task.hh>
CLICK_DECLS
/*
=c

ToDevice(DEVNAME [, I<keywords> BURST, QUEUE, QDISC_BYPASS, SNDBUF, METHOD])

=s netdevices

sends packets to network device (user-level, AF_PACKET, batched)

=d

Sends the Ethernet frames that arrive on its input out of interface DEVNAME
through an AF_PACKET socket, BURST frames per sendmmsg(2) call.

The input is agnostic. Pushed frames wait in a bounded queue of QUEUE
frames (drop-tail, counted in "drops") and are sent by the element's task,
which runs after the pushing element's burst: a FromDevice burst of 32 frames
leaves in one system call. In pull context (after a Queue) the task pulls up
to BURST frames per run; as the engine has no empty-queue notifiers, a pull
ToDevice polls its input continuously, so routers here use push.

When the interface refuses frames (ENOBUFS, EAGAIN) the frames stay queued
and the task waits for the socket to become writable.

=k

=item BURST

Frames per sendmmsg call. Default 32.

=item QUEUE

Capacity of the transmit queue in frames (push input). It absorbs the moments
the interface refuses frames or the router is not scheduled, as a NIC's
transmit ring would. Default 4096.

=item QDISC_BYPASS

Boolean. Hand frames straight to the driver, skipping the interface's
queueing discipline (PACKET_QDISC_BYPASS). Default true.

=item SNDBUF

Socket send buffer in bytes (SO_SNDBUFFORCE when privileged). Frames in flight
count against it until the receiver frees them. Default 4 MiB.

=item METHOD

How frames reach the device: LINUX (AF_PACKET), the only method of this
build and the default. PCAP, NETMAP, DPDK and XDP are refused.

=h method read-only

The method in use (LINUX).

=h count read-only

Frames sent.

=h drops read-only

Frames dropped (queue full, or refused by the interface, e.g. too long).

=h length read-only

Frames waiting in the transmit queue.

=h stalls read-only

How often the interface refused a batch for lack of buffer space (the queue
then waits until the socket is writable).

=h last_error read-only

The last error the interface returned for a dropped frame (empty if none).

=h pulls read-only

Pull attempts (pull context).

=h reset_counts write-only

Resets count, drops and pulls.

=a FromDevice, KernelTap, ToUserDevice
*/
class ToDevice : public Element {
 public:
  ToDevice() : task_(this) {}
  ~ToDevice() override;
  const char* class_name() const override { return "ToDevice"; }
  const char* port_count() const override { return PORTS_1_0; }
  const char* processing() const override { return AGNOSTIC; }
  int configure_phase() const override { return CONFIGURE_PHASE_PRIVILEGED; }
  int configure(Vector<String>& conf, ErrorHandler* errh) override;
  int initialize(ErrorHandler* errh) override;
  void cleanup(CleanupStage) override;
  void add_handlers() override;
  void push(int port, Packet* p) override;
  bool run_task(Task*) override;
  void selected(int fd, int mask) override;

 private:
  String ifname_;
  int ifindex_ = 0;
  int burst_ = 32;
  uint32_t capacity_ = 4096;
  bool qdisc_bypass_ = true;
  uint32_t sndbuf_ = 4 << 20;
  int fd_ = -1;
  Task task_;
  Vector<Packet*> ring_;   // power-of-two FIFO, head_ oldest
  size_t head_ = 0, len_ = 0;
  bool waiting_writable_ = false;
  uint64_t count_ = 0, drops_ = 0, pulls_ = 0, stalls_ = 0;
  int last_errno_ = 0;

  void send_burst();
};
CLICK_ENDDECLS
#endif
