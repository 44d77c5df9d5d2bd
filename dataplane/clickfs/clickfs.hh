// -*- c++ -*-
#ifndef NETSERV_CLICKFS_HH
#define NETSERV_CLICKFS_HH
#include <click/element.hh>
#include "userlevel/hotswap.hh"
#include <cstring>
CLICK_DECLS
/*
=c

ClickFS(MOUNTPOINT)

=s control

the /click handler filesystem (FUSE), as the Click kernel module's

=d

Mounts a FUSE filesystem at MOUNTPOINT with the layout of the Click kernel
module's /click: one directory per element (compound elements nest, "a/b" is
MOUNTPOINT/a/b), one file per handler inside it, and the global handlers at the
top (config, flatconfig, list, classes, version, hotconfig, ...). Reading a
file calls the read handler once, at open; writing a file collects the data and
calls the write handler when the file is closed (flush), so

  echo 'udp dst port 5060, false, -' > /click/ns/config

rewrites the classifier. A failing handler returns its errno to the caller
(open for reads; close for writes: use a program that checks close(2), e.g.
Python, or read /click/errors) and appends its messages to /click/errors, a
read-only file holding the most recent error messages (64 KiB).

`netserv-click --clickfs DIR` adds one. FUSE callbacks run in their own thread
and hand every lookup and handler call to the router's thread through a queue
and an eventfd, so handlers run exactly as from ControlSocket. Needs /dev/fuse
(and the fuse3 library); a stale mount left by a crashed router is detached
first. Unmounted when the router stops.

Hotconfig: a ClickFS on the same MOUNTPOINT in the new configuration takes
over the mount (files then show the new router's elements; /click/errors is kept).

=h mountpoint read-only

The mount point.

=a ControlSocket
*/
class ClickFS : public Element, public HotSwappable {
 public:
  struct Hub;   // the mount, its thread and the request queue (outlives a hotconfig)
  ClickFS() {}
  ~ClickFS() override;
  const char* class_name() const override { return "ClickFS"; }
  const char* port_count() const override { return PORTS_0_0; }
  int configure_phase() const override { return CONFIGURE_PHASE_LAST; }
  int configure(Vector<String>& conf, ErrorHandler* errh) override;
  int initialize(ErrorHandler* errh) override;
  void cleanup(CleanupStage) override;
  void add_handlers() override;
  void selected(int fd, int mask) override;
  void* cast(const char* n) override { return strcmp(n, "HotSwappable") == 0 ? static_cast<HotSwappable*>(this) : Element::cast(n); }
  String hotswap_key() const override { return "clickfs:" + mountpoint_; }
  void take_state(Element* old, ErrorHandler* errh) override;

 private:
  String mountpoint_;
  Hub* hub_ = nullptr;
  void shutdown();
};
CLICK_ENDDECLS
#endif
