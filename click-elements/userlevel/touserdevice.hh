// -*- c++ -*-
#ifndef NETSERV_TOUSERDEVICE_HH
#define NETSERV_TOUSERDEVICE_HH
#include <click/element.hh>
#include <click/task.hh>
#include <click/timer.hh>
#include <cstring>
#include "userchannel.hh"
#include "hotswap.hh"
CLICK_DECLS
/*
=c

ToUserDevice(NAME [, I<keywords> CAPACITY, BURST, DEVDIR, DROP_TAIL, MODE, SNDBUF])

=s comm

hands packets to a user-space process through channel fromclickNAME

=d

The user-level form of Click's ToUserDevice (kernel: character device
/dev/fromclickN). Binds and listens on the SOCK_SEQPACKET UNIX socket
DEVDIR/fromclickNAME; a process that connects to it receives every packet
pushed into the element as one message, exactly the bytes of the packet (an
IPv4 packet when the graph stripped the Ethernet header). NAME is a container
slot number (0, 1, ...) or S (the signaling channel).

Packets wait in a bounded queue of CAPACITY packets; a full queue drops the
arriving packet (drop-tail) and counts it in "drops". A task sends the queue to
the peer in batches of up to BURST packets with one sendmmsg(2) call; when the
peer's socket buffer is full the element retries every 200 microseconds
instead of blocking the router (not on EPOLLOUT: a UNIX socket reports
writable only once three quarters of its buffer have drained, which with a
large buffer means hundreds of milliseconds of drops at the queue). Without a peer, packets accumulate up to CAPACITY and the
rest are dropped. One peer at a time: a new connection replaces the old one, so
a reader can die and reconnect while the router keeps forwarding.

Input is push (an agnostic input in pull context is pulled BURST packets at a
time by the same task). The input may be left unconnected (a channel that only
exists so that its peer can connect).

=k

=item CAPACITY

Queue capacity in packets. Default 1024.

=item BURST

Maximum packets per sendmmsg call (and per pull). Default 64.

=item DEVDIR

Directory of the channel sockets. Default $NETSERV_DEVDIR, else /run/netserv/dev.
Created if missing.

=item DROP_TAIL

Boolean. Must be true (the only policy: the newest packet is dropped when the
queue is full, as Click's ToUserDevice). Default true.

=item MODE

Permissions of the socket file (octal). Default 0660.

=item SNDBUF

Send buffer of the peer connection in bytes (SO_SNDBUFFORCE when privileged):
how much the peer may leave unread before the queue starts filling. Default 4 MiB.

=h count read-only

Packets delivered to the peer.

=h drops read-only

Packets dropped (queue full, or a packet the peer's socket refused).

=h capacity read/write

Queue capacity in packets. Lowering it below the current length keeps the
queued packets.

=h stalls read-only

How often the peer's socket was full (the queue then waits for it to drain).

=h length read-only

Packets waiting in the queue.

=h connected read-only

Whether a peer is connected.

=h path read-only

The socket path.

=h connections read-only

Number of peers that have connected so far.

=h reset_counts write-only

Resets count and drops.

Hotconfig: a ToUserDevice with the same NAME and DEVDIR in the new
configuration takes over the socket, the connected peer, the queued packets
(up to its CAPACITY) and the counters.

=a FromUserDevice, ToDevice
*/
class ToUserDevice : public Element, public HotSwappable {
 public:
  ToUserDevice() : task_(this), retry_(this) {}
  ~ToUserDevice() override;
  const char* class_name() const override { return "ToUserDevice"; }
  const char* port_count() const override { return "0-1/0"; }
  const char* processing() const override { return "a/"; }
  int configure(Vector<String>& conf, ErrorHandler* errh) override;
  int initialize(ErrorHandler* errh) override;
  void cleanup(CleanupStage) override;
  void add_handlers() override;
  void push(int port, Packet* p) override;
  bool run_task(Task*) override;
  void run_timer(Timer*) override;
  void selected(int fd, int mask) override;
  void* cast(const char* n) override { return strcmp(n, "HotSwappable") == 0 ? static_cast<HotSwappable*>(this) : Element::cast(n); }
  String hotswap_key() const override { return "channel:" + devdir_ + "/fromclick" + name_; }
  void take_state(Element* old, ErrorHandler* errh) override;

  uint32_t length() const { return uint32_t(count_in_ring_); }

 private:
  String name_, devdir_;
  uint32_t capacity_ = 1024;
  int burst_ = 64;
  int mode_ = 0660;
  uint32_t sndbuf_ = 4 << 20;
  UserChannel chan_;
  Task task_;
  Timer retry_;   // the peer's socket was full: try again shortly
  // FIFO ring: head_ is the oldest packet; ring_.size() is a power of two >= capacity.
  Vector<Packet*> ring_;
  size_t head_ = 0;
  size_t count_in_ring_ = 0;
  bool waiting_writable_ = false;
  uint64_t count_ = 0, drops_ = 0, stalls_ = 0;

  void enqueue(Packet* p);
  int grow_ring(uint32_t capacity);
  void flush();
};
CLICK_ENDDECLS
#endif
