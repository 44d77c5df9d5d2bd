// UserChannel. See userchannel.hh.
#include "userchannel.hh"
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>
CLICK_DECLS

int UserChannel::check_name(const String& name, ErrorHandler* errh) {
  if (name.empty() || name.size() > 32) return errh->error("NAME: expected a slot number or 'S'");
  for (char c : name)
    if (!isalnum((unsigned char)c) && c != '_') return errh->error("NAME: '%s' is not a channel name (expected a slot number or 'S')", name.c_str());
  return 0;
}

String UserChannel::default_devdir() {
  const char* env = getenv("NETSERV_DEVDIR");
  return env && *env ? String(env) : String("/run/netserv/dev");
}

static int mkdir_p(const String& dir) {
  String cur;
  size_t i = 0;
  while (i <= dir.size()) {
    size_t j = dir.find('/', i);
    if (j == String::npos) j = dir.size();
    cur = dir.substr(0, j);
    if (!cur.empty() && mkdir(cur.c_str(), 0755) < 0 && errno != EEXIST) return -errno;
    i = j + 1;
  }
  struct stat st;
  if (stat(dir.c_str(), &st) < 0) return -errno;
  return S_ISDIR(st.st_mode) ? 0 : -ENOTDIR;
}

int UserChannel::open(Element* owner, const String& path, int mode, ErrorHandler* errh) {
  owner_ = owner;
  path_ = path;
  struct sockaddr_un sun;
  std::memset(&sun, 0, sizeof sun);
  sun.sun_family = AF_UNIX;
  if (path.size() >= sizeof sun.sun_path) return errh->error("%s: path too long for a UNIX socket", path.c_str());
  std::memcpy(sun.sun_path, path.data(), path.size());
  size_t slash = path.rfind('/');
  if (slash != String::npos && slash > 0) {
    int r = mkdir_p(path.substr(0, slash));
    if (r < 0) return errh->error("DEVDIR %s: %s", path.substr(0, slash).c_str(), strerror(-r));
  }
  // A socket file left by a previous run (or a crashed one) is ours to replace;
  // anything else at that path is not.
  struct stat st;
  if (lstat(path.c_str(), &st) == 0) {
    if (!S_ISSOCK(st.st_mode)) return errh->error("%s: exists and is not a socket", path.c_str());
    unlink(path.c_str());
  }
  lfd_ = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (lfd_ < 0) return errh->error("socket: %s", strerror(errno));
  if (bind(lfd_, reinterpret_cast<sockaddr*>(&sun), sizeof sun) < 0 || listen(lfd_, 4) < 0) {
    int e = errno;
    close_all();
    return errh->error("%s: %s", path.c_str(), strerror(e));
  }
  if (lstat(path.c_str(), &st) == 0) ino_ = st.st_ino;
  if (chmod(path.c_str(), mode) < 0) errh->warning("%s: chmod: %s", path.c_str(), strerror(errno));
  owner->add_select(lfd_, Element::SELECT_READ);
  return 0;
}

int UserChannel::accept_peer(int peer_mask) {
  int fd = accept4(lfd_, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
  if (fd < 0) return -1;
  close_peer();
  pfd_ = fd;
  peer_mask_ = peer_mask;
  ++connections_;
  if (peer_mask_) owner_->add_select(pfd_, peer_mask_);
  return fd;
}

void UserChannel::take_from(UserChannel& old, Element* owner) {
  close_all();
  owner_ = owner;
  path_ = old.path_; lfd_ = old.lfd_; pfd_ = old.pfd_; ino_ = old.ino_;
  peer_mask_ = old.peer_mask_; connections_ = old.connections_;
  old.lfd_ = old.pfd_ = -1;
  if (lfd_ >= 0) owner_->add_select(lfd_, Element::SELECT_READ);
  if (pfd_ >= 0 && peer_mask_) owner_->add_select(pfd_, peer_mask_);
}

void UserChannel::close_peer() {
  if (pfd_ < 0) return;
  if (owner_) owner_->remove_select(pfd_, Element::SELECT_READ | Element::SELECT_WRITE);
  ::close(pfd_);
  pfd_ = -1;
}

void UserChannel::close_all() {
  close_peer();
  if (lfd_ >= 0) {
    if (owner_) owner_->remove_select(lfd_, Element::SELECT_READ);
    ::close(lfd_);
    lfd_ = -1;
    // Only remove the path if it is still the socket we bound (a newer router
    // may have replaced it already, e.g. during hotconfig).
    struct stat st;
    if (!path_.empty() && lstat(path_.c_str(), &st) == 0 && st.st_ino == ino_) unlink(path_.c_str());
  }
}

CLICK_ENDDECLS
