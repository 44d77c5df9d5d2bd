// ClickFS. See clickfs.hh.
#define FUSE_USE_VERSION 31
#include "clickfs.hh"
#include <click/args.hh>
#include <click/router.hh>
#include <cerrno>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <cstring>
#include <fuse.h>
#include <set>
#include <sys/eventfd.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>
CLICK_DECLS

struct ClickFS::Hub {
  Element* owner = nullptr;     // the ClickFS element now serving the mount (router thread only)
  String mountpoint;
  struct fuse* fuse = nullptr;
  std::thread thread;
  int efd = -1;
  std::mutex mu;
  std::condition_variable cv;
  struct Request { const std::function<void()>* fn; bool done; };
  std::deque<Request*> queue;
  bool closing = false;
  String errors;                // router thread only

  Router* router() const { return owner->router(); }
  // FUSE thread: runs fn on the router thread and waits; false if shutting down.
  bool run_on_router(const std::function<void()>& fn) {
    Request req{&fn, false};
    std::unique_lock<std::mutex> lk(mu);
    if (closing) return false;
    queue.push_back(&req);
    uint64_t one = 1;
    ssize_t w = write(efd, &one, sizeof one);
    (void)w;
    cv.wait(lk, [&]() { return req.done || closing; });
    if (!req.done) {
      for (auto it = queue.begin(); it != queue.end(); ++it)
        if (*it == &req) { queue.erase(it); break; }
      return false;
    }
    return true;
  }
  // Router thread: runs what the FUSE thread asked for.
  void process() {
    uint64_t v;
    ssize_t r = read(efd, &v, sizeof v);
    (void)r;
    std::unique_lock<std::mutex> lk(mu);
    while (!queue.empty()) {
      Request* req = queue.front();
      queue.pop_front();
      lk.unlock();
      (*req->fn)();
      lk.lock();
      req->done = true;
    }
    cv.notify_all();
  }
  void add_error(const String& text) {
    errors += text;
    if (!text.empty() && text.back() != '\n') errors += '\n';
    if (errors.size() > 65536) errors.erase(0, errors.size() - 65536);
  }
};

namespace {

// What a path names, resolved on the router thread.
struct Lookup {
  enum Kind { NONE, DIR, HANDLER, ERRORS } kind = NONE;
  String fullname;      // "elem.handler" or "global"
  bool readable = false, writable = false;
};

// One open file: reads are served from `data` filled at open; writes collect
// into `data` and go to the handler at flush.
struct OpenFile {
  String fullname;
  bool reading = false, writing = false, dirty = false, wrote_once = false;
  String data;
};

ClickFS::Hub* self() { return static_cast<ClickFS::Hub*>(fuse_get_context()->private_data); }

String strip_slash(const char* path) {
  String p = path;
  while (!p.empty() && p[0] == '/') p.erase(0, 1);
  while (!p.empty() && p.back() == '/') p.pop_back();
  return p;
}

// On the router thread.
bool is_element_dir(Router* r, const String& name) {
  if (name.empty()) return true;
  for (int i = 0; i < r->nelements(); ++i) {
    const String& n = r->element(i)->name();
    if (n == name || (n.size() > name.size() && n.compare(0, name.size(), name) == 0 && n[name.size()] == '/')) return true;
  }
  return false;
}

Element* exact_element(Router* r, const String& name) {
  for (int i = 0; i < r->nelements(); ++i)
    if (r->element(i)->name() == name) return r->element(i);
  return nullptr;
}

Lookup lookup(Router* r, const String& path) {
  Lookup L;
  if (path == "errors") { L.kind = Lookup::ERRORS; L.readable = true; return L; }
  if (is_element_dir(r, path)) { L.kind = Lookup::DIR; return L; }
  size_t slash = path.rfind('/');
  String ename = slash == String::npos ? String() : path.substr(0, slash);
  String hname = slash == String::npos ? path : path.substr(slash + 1);
  Element* e = nullptr;
  if (!ename.empty() && !(e = exact_element(r, ename))) return L;
  const Handler* h = r->handler(e, hname);
  if (!h) return L;
  L.kind = Lookup::HANDLER;
  L.fullname = e ? ename + "." + hname : hname;
  L.readable = h->readable();
  L.writable = h->writable();
  return L;
}

bool writer_allowed() {
  uid_t uid = fuse_get_context()->uid;
  return uid == 0 || uid == geteuid();
}

int fs_getattr(const char* path, struct stat* st, struct fuse_file_info*) {
  ClickFS::Hub* fs = self();
  String p = strip_slash(path);
  Lookup L;
  if (!fs->run_on_router([&]() { L = lookup(fs->router(), p); })) return -EIO;
  std::memset(st, 0, sizeof *st);
  st->st_uid = getuid();
  st->st_gid = getgid();
  st->st_atime = st->st_mtime = st->st_ctime = time(nullptr);
  switch (L.kind) {
    case Lookup::NONE: return -ENOENT;
    case Lookup::DIR: st->st_mode = S_IFDIR | 0755; st->st_nlink = 2; return 0;
    default:
      st->st_mode = S_IFREG | (L.readable ? 0444 : 0) | (L.writable ? 0200 : 0);
      st->st_nlink = 1;
      st->st_size = 0;   // handler text is computed at open (direct_io)
      return 0;
  }
}

int fs_readdir(const char* path, void* buf, fuse_fill_dir_t filler, off_t, struct fuse_file_info*, enum fuse_readdir_flags) {
  ClickFS::Hub* fs = self();
  String p = strip_slash(path);
  bool found = false;
  Vector<String> names;
  if (!fs->run_on_router([&]() {
        Router* r = fs->router();
        if (!is_element_dir(r, p)) return;
        found = true;
        std::set<String> seen;
        Element* e = p.empty() ? nullptr : exact_element(r, p);
        if (p.empty() || e)
          for (const Handler* h : r->handlers_of(e))
            if (seen.insert(h->name).second) names.push_back(h->name);
        if (p.empty() && seen.insert("errors").second) names.push_back("errors");
        String prefix = p.empty() ? String() : p + "/";
        for (int i = 0; i < r->nelements(); ++i) {
          const String& n = r->element(i)->name();
          if (n.compare(0, prefix.size(), prefix) != 0) continue;
          String rest = n.substr(prefix.size());
          size_t s = rest.find('/');
          if (s != String::npos) rest = rest.substr(0, s);
          if (!rest.empty() && seen.insert(rest).second) names.push_back(rest);
        }
      }))
    return -EIO;
  if (!found) return -ENOENT;
  filler(buf, ".", nullptr, 0, fuse_fill_dir_flags(0));
  filler(buf, "..", nullptr, 0, fuse_fill_dir_flags(0));
  for (auto& n : names) filler(buf, n.c_str(), nullptr, 0, fuse_fill_dir_flags(0));
  return 0;
}

int fs_open(const char* path, struct fuse_file_info* fi) {
  ClickFS::Hub* fs = self();
  String p = strip_slash(path);
  int acc = fi->flags & O_ACCMODE;
  // Handlers are the node's root (DESIGN.md 3.7): only root or the engine's own
  // user may write, whatever the kernel's mode check (default_permissions) said.
  if (acc != O_RDONLY && !writer_allowed()) return -EACCES;
  auto* of = new OpenFile;
  of->reading = acc == O_RDONLY || acc == O_RDWR;
  of->writing = acc == O_WRONLY || acc == O_RDWR;
  int rc = 0;
  if (!fs->run_on_router([&]() {
        Lookup L = lookup(fs->router(), p);
        if (L.kind == Lookup::NONE) { rc = -ENOENT; return; }
        if (L.kind == Lookup::DIR) { rc = -EISDIR; return; }
        if ((of->reading && !L.readable) || (of->writing && !L.writable)) { rc = -EACCES; return; }
        if (L.kind == Lookup::ERRORS) { of->data = fs->errors; return; }
        of->fullname = L.fullname;
        if (of->reading && !of->writing) {
          StringErrorHandler errh;
          rc = fs->router()->handler_read(L.fullname, of->data, &errh);
          if (rc < 0) { fs->add_error(errh.str()); if (rc == -EINVAL || rc >= 0) rc = -EINVAL; }
          else if (!of->data.empty() && of->data.back() != '\n') {
            const Handler* h = nullptr; Element* e = nullptr;
            fs->router()->resolve_handler(L.fullname, e, h, nullptr);
            if (!(h && (h->flags & Handler::f_raw))) of->data += '\n';
          }
        }
      }))
    rc = -EIO;
  if (rc < 0) { delete of; return rc; }
  fi->fh = reinterpret_cast<uint64_t>(of);
  fi->direct_io = 1;
  fi->nonseekable = 0;
  return 0;
}

int fs_read(const char*, char* buf, size_t size, off_t off, struct fuse_file_info* fi) {
  auto* of = reinterpret_cast<OpenFile*>(fi->fh);
  if (!of || !of->reading) return -EBADF;
  if (off < 0 || size_t(off) >= of->data.size()) return 0;
  size_t n = std::min(size, of->data.size() - size_t(off));
  std::memcpy(buf, of->data.data() + off, n);
  return int(n);
}

int fs_write(const char*, const char* buf, size_t size, off_t off, struct fuse_file_info* fi) {
  auto* of = reinterpret_cast<OpenFile*>(fi->fh);
  if (!of || !of->writing) return -EBADF;
  if (off < 0 || size_t(off) + size > (64u << 20)) return -EFBIG;
  if (of->data.size() < size_t(off) + size) of->data.resize(size_t(off) + size);
  std::memcpy(&of->data[size_t(off)], buf, size);
  of->dirty = true;
  return int(size);
}

int fs_truncate(const char* path, off_t size, struct fuse_file_info* fi) {
  if (!writer_allowed()) return -EACCES;
  if (fi && fi->fh) {
    auto* of = reinterpret_cast<OpenFile*>(fi->fh);
    if (of->writing) of->data.resize(size_t(std::max<off_t>(size, 0)));
  }
  return 0;   // O_TRUNC on a handler file: nothing to do until the write
}

// The write handler runs when the writer closes (flush) after writing, once per
// batch of data, and its errno comes back from close(2). Shells dup2() the file
// onto stdout and close the original before writing, so a flush with nothing
// written does not call the handler; a file opened for writing and closed
// without any write() calls it with empty data at release (Click:
// "echo -n > /click/stop" works), where an error can only go to /click/errors.
int call_write_handler(ClickFS::Hub* fs, OpenFile* of) {
  of->wrote_once = true;
  of->dirty = false;
  int rc = 0;
  if (!fs->run_on_router([&]() {
        StringErrorHandler errh;
        rc = fs->router()->handler_write(of->fullname, of->data, &errh);
        if (rc < 0 || errh.nerrors()) {
          fs->add_error(of->fullname + ": " + (errh.str().empty() ? String("write failed\n") : errh.str()));
          if (rc >= 0) rc = -EINVAL;
        }
      }))
    rc = -EIO;
  return rc;
}

int fs_flush(const char*, struct fuse_file_info* fi) {
  auto* of = reinterpret_cast<OpenFile*>(fi->fh);
  if (!of || !of->writing || of->fullname.empty() || !of->dirty) return 0;
  return call_write_handler(self(), of);
}

int fs_release(const char*, struct fuse_file_info* fi) {
  auto* of = reinterpret_cast<OpenFile*>(fi->fh);
  if (of && of->writing && !of->fullname.empty() && (of->dirty || !of->wrote_once)) call_write_handler(self(), of);
  delete of;
  fi->fh = 0;
  return 0;
}

void* fs_init(struct fuse_conn_info*, struct fuse_config* cfg) {
  cfg->direct_io = 1;
  cfg->attr_timeout = 0;
  cfg->entry_timeout = 0;
  cfg->negative_timeout = 0;
  return fuse_get_context()->private_data;
}

}  // namespace

ClickFS::~ClickFS() { shutdown(); }

int ClickFS::configure(Vector<String>& conf, ErrorHandler* errh) {
  return Args(conf, this, errh).read_mp("MOUNTPOINT", FilenameArg(), mountpoint_).complete();
}

int ClickFS::initialize(ErrorHandler* errh) {
  if (HotSwap::pending(hotswap_key())) return 0;   // take_state brings the mount
  if (access("/dev/fuse", R_OK | W_OK) != 0)
    return errh->error("/dev/fuse: %s: cannot mount the /click filesystem (load the fuse module, or give the container --device /dev/fuse)", strerror(errno));
  struct stat st;
  if (stat(mountpoint_.c_str(), &st) < 0) {
    if (errno == ENOTCONN) { umount2(mountpoint_.c_str(), MNT_DETACH); }   // a crashed router's mount
    else if (errno == ENOENT) { if (mkdir(mountpoint_.c_str(), 0755) < 0) return errh->error("%s: %s", mountpoint_.c_str(), strerror(errno)); }
    else return errh->error("%s: %s", mountpoint_.c_str(), strerror(errno));
  }
  if (stat(mountpoint_.c_str(), &st) < 0 || !S_ISDIR(st.st_mode)) return errh->error("%s: not a directory", mountpoint_.c_str());
  auto* hub = new Hub;
  hub->owner = this;
  hub->mountpoint = mountpoint_;
  hub->efd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (hub->efd < 0) { delete hub; return errh->error("eventfd: %s", strerror(errno)); }

  static struct fuse_operations ops;
  std::memset(&ops, 0, sizeof ops);
  ops.init = fs_init;
  ops.getattr = fs_getattr;
  ops.readdir = fs_readdir;
  ops.open = fs_open;
  ops.read = fs_read;
  ops.write = fs_write;
  ops.truncate = fs_truncate;
  ops.flush = fs_flush;
  ops.release = fs_release;
  struct fuse_args args = FUSE_ARGS_INIT(0, nullptr);
  fuse_opt_add_arg(&args, "netserv-click");
  // allow_other lets every user read; default_permissions makes the kernel apply
  // the modes fs_getattr reports (writable handlers 0200, owner the engine's user)
  fuse_opt_add_arg(&args, "-o");
  fuse_opt_add_arg(&args, geteuid() == 0 ? "allow_other,default_permissions" : "default_permissions");
  struct fuse* f = fuse_new(&args, &ops, sizeof ops, hub);
  fuse_opt_free_args(&args);
  if (!f) { close(hub->efd); delete hub; return errh->error("%s: fuse_new failed", mountpoint_.c_str()); }
  if (fuse_mount(f, mountpoint_.c_str()) != 0) {
    fuse_destroy(f);
    close(hub->efd);
    delete hub;
    return errh->error("%s: cannot mount the /click filesystem (fuse_mount failed)", mountpoint_.c_str());
  }
  hub->fuse = f;
  hub_ = hub;
  add_select(hub->efd, SELECT_READ);
  hub->thread = std::thread([f]() { fuse_loop(f); });
  return 0;
}

void ClickFS::take_state(Element* old_e, ErrorHandler*) {
  auto* old = static_cast<ClickFS*>(old_e);
  if (hub_ || !old->hub_) return;
  hub_ = old->hub_;
  old->hub_ = nullptr;
  hub_->owner = this;
  add_select(hub_->efd, SELECT_READ);
}

void ClickFS::selected(int fd, int) {
  if (hub_ && fd == hub_->efd) hub_->process();
}

void ClickFS::shutdown() {
  Hub* hub = hub_;
  if (!hub) return;
  hub_ = nullptr;
  {
    std::lock_guard<std::mutex> lk(hub->mu);
    hub->closing = true;
  }
  hub->cv.notify_all();
  fuse_exit(hub->fuse);
  fuse_unmount(hub->fuse);   // the loop's read fails and fuse_loop returns
  if (hub->thread.joinable()) hub->thread.join();
  fuse_destroy(hub->fuse);
  if (router()) remove_select(hub->efd, SELECT_READ);
  close(hub->efd);
  delete hub;
}

void ClickFS::cleanup(CleanupStage) { shutdown(); }

void ClickFS::add_handlers() {
  add_read_handler("mountpoint", [this]() { return mountpoint_; });
}

EXPORT_ELEMENT(ClickFS)
CLICK_ENDDECLS
