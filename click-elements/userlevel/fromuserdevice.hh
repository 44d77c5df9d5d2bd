// -*- c++ -*-
#ifndef NETSERV_FROMUSERDEVICE_HH
#define NETSERV_FROMUSERDEVICE_HH
#include <click/element.hh>
#include <click/task.hh>
#include "userchannel.hh"
#include "hotswap.hh"
#include <cstring>
CLICK_DECLS
/*
=c

FromUserDevice(NAME [, I<keywords> BURST, DEVDIR, HEADROOM, MTU, MODE])

=s comm

emits packets a user-space process writes to channel toclickNAME

=d

The user-level form of Click's FromUserDevice (kernel: character device
/dev/toclickN). Binds and listens on the SOCK_SEQPACKET UNIX socket
DEVDIR/toclickNAME; each message the connected process sends is emitted on
output 0 as one packet. NAME is a container slot number (0, 1, ...) or S.

Messages are taken from the socket in batches of up to BURST with one
recvmmsg(2) call per task run, straight into packet buffers (no copy). The
task shares the driver round-robin with the device tasks, so packets coming
back from a container get the same service as packets arriving from the wire
(a per-readiness-event read would starve them under load and stall the peer).
Packets are IPv4 packets: when a message starts with a plausible IPv4 header
(version 4, header length within the message) the IP header annotation and the
destination address annotation are set, so the packet can go straight into a
routing element. (Click's linuxmodule FromUserDevice copies the message and
leaves both unset; the code that would set them is commented out there.) Other
messages are emitted without the annotations and counted in "bad"; an empty
message, or one longer than MTU, is dropped and counted in "drops".

Back-pressure: the element reads at most BURST messages per readiness event;
what the peer writes beyond that waits in the socket, and a peer that writes
faster than the router reads finds its socket full (EAGAIN, or blocking) as
with Click's /dev/toclickN, whose writer sleeps when the ring is full. The
router itself never waits.

One peer at a time: a new connection replaces the old one. Nothing ever
blocks: when no peer is connected the element is idle.

=k

=item BURST

Maximum messages per recvmmsg call. Default 64.

=item DEVDIR

Directory of the channel sockets. Default $NETSERV_DEVDIR, else /run/netserv/dev.

=item HEADROOM

Bytes reserved in front of each packet (for an Ethernet header). Default 48.

=item MTU

Largest message accepted, in bytes. Default 1980 (a pooled 2 KiB buffer).

=item MODE

Permissions of the socket file (octal). Default 0660.

=h count read-only

Packets emitted.

=h drops read-only

Messages dropped (empty or truncated).

=h bad read-only

Messages emitted without an IPv4 header annotation.

=h connected read-only

Whether a peer is connected.

=h path read-only

The socket path.

=h connections read-only

Number of peers that have connected so far.

=h reset_counts write-only

Resets count, drops and bad.

Hotconfig: a FromUserDevice with the same NAME and DEVDIR in the new
configuration takes over the socket, the connected peer and the counters.

=a ToUserDevice, FromDevice
*/
class FromUserDevice : public Element, public HotSwappable {
 public:
  FromUserDevice() : task_(this) {}
  ~FromUserDevice() override;
  const char* class_name() const override { return "FromUserDevice"; }
  const char* port_count() const override { return PORTS_0_1; }
  const char* processing() const override { return PUSH; }
  int configure(Vector<String>& conf, ErrorHandler* errh) override;
  int initialize(ErrorHandler* errh) override;
  void cleanup(CleanupStage) override;
  void add_handlers() override;
  void selected(int fd, int mask) override;
  bool run_task(Task*) override;
  void* cast(const char* n) override { return strcmp(n, "HotSwappable") == 0 ? static_cast<HotSwappable*>(this) : Element::cast(n); }
  String hotswap_key() const override { return "channel:" + devdir_ + "/toclick" + name_; }
  void take_state(Element* old, ErrorHandler* errh) override;

 private:
  String name_, devdir_;
  int burst_ = 64;
  uint32_t headroom_ = 48;
  uint32_t mtu_ = 1980;
  int mode_ = 0660;
  UserChannel chan_;
  Vector<WritablePacket*> spare_;   // BURST empty packets, recvmmsg's targets
  uint64_t count_ = 0, drops_ = 0, bad_ = 0;
  Task task_;

  int receive();
};
CLICK_ENDDECLS
#endif
