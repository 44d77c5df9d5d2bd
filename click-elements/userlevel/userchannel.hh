// -*- c++ -*-
// UserChannel: the listening end of one packet channel (DESIGN.md §3.2,
// interfaces.md item 1), shared by ToUserDevice and FromUserDevice.
//
// A channel is a SOCK_SEQPACKET UNIX socket DEVDIR/<prefix><NAME> that the
// engine binds and listens on; the peer (container, signaling daemon, echo
// process) connects. One message is one packet, exactly the semantics of
// Click's /dev/fromclickN and /dev/toclickN character devices. One peer at a
// time: a new connection replaces the old one, so a restarted reader gets the
// channel back without restarting the router. Every fd is non-blocking; the
// forwarding path never waits on a peer.
#ifndef NETSERV_USERCHANNEL_HH
#define NETSERV_USERCHANNEL_HH
#include <click/element.hh>
CLICK_DECLS

class UserChannel {
 public:
  ~UserChannel() { close_all(); }
  /** Parses NAME ("0", "1", ..., "S"; [A-Za-z0-9_]+) and DEVDIR (keyword,
   *  else $NETSERV_DEVDIR, else /run/netserv/dev). Returns 0 or -EINVAL. */
  static int check_name(const String& name, ErrorHandler* errh);
  static String default_devdir();
  /** Creates DEVDIR (mkdir -p), replaces a stale socket file, binds, listens,
   *  chmods to `mode`, and registers the listener with `owner`'s driver. */
  int open(Element* owner, const String& path, int mode, ErrorHandler* errh);
  /** Accepts the pending connection; the old peer, if any, is closed (and
   *  unregistered). Returns the new peer fd or -1. `peer_mask` is what the
   *  owner wants to hear about the peer (SELECT_READ etc.). */
  int accept_peer(int peer_mask);
  /** Drops the current peer (EOF, error). */
  void close_peer();
  void close_all();
  /** Hotconfig: takes over `old`'s listener and peer (old is left empty) and
   *  registers them with `owner`'s router. */
  void take_from(UserChannel& old, Element* owner);
  int listen_fd() const { return lfd_; }
  int peer_fd() const { return pfd_; }
  bool connected() const { return pfd_ >= 0; }
  const String& path() const { return path_; }
  uint64_t connections() const { return connections_; }
 private:
  Element* owner_ = nullptr;
  String path_;
  int lfd_ = -1;
  int pfd_ = -1;
  int peer_mask_ = 0;
  uint64_t connections_ = 0;
  unsigned long ino_ = 0;   // the socket file we bound
};

CLICK_ENDDECLS
#endif
