// ControlSocket. See controlsocket.hh.
#include "controlsocket.hh"
#include <click/args.hh>
#include <click/confparse.hh>
#include <click/router.hh>
CLICK_DECLS
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

namespace {
// Collects handler messages one per entry, as Click's ControlSocketErrorHandler.
class MessageCollector : public ErrorHandler {
 public:
  void emit(Level, const String&, const String& text) override { msgs.push_back(text); }
  Vector<String> msgs;
};
String printable(const String& s) {
  String o;
  for (unsigned char c : s) {
    if (c == '\n' || c == '\r') o += ' ';
    else if (c < 32 || c > 126) o += string_printf("\\%03o", c);
    else o += char(c);
  }
  return o;
}
}  // namespace

ControlSocket::~ControlSocket() { cleanup(CLEANUP_MANUAL); }

int ControlSocket::configure(Vector<String>& conf, ErrorHandler* errh) {
  String type;
  bool read_only = false, verbose = false, localhost = true, retry_warnings = true, reconfigure = false;
  bool have_reconfigure = false, have_address = false;
  IPAddress address;
  int retries = 0;
  String proxy;  // accepted; proxies are not supported
  Args args(this, errh);
  args.bind(conf);
  args.read("RECONFIGURE", reconfigure);
  have_reconfigure = args.read_status_present();   // the default depends on the socket type
  args.read("ADDRESS", address);
  have_address = args.read_status_present();
  args.read("READONLY", read_only).read("VERBOSE", verbose).read("LOCALHOST", localhost)
      .read("RETRIES", retries).read("RETRY_WARNINGS", retry_warnings).read("PROXY", AnyArg(), proxy);
  if (args.consume() < 0) return -EINVAL;
  String where;
  if (Args(conf, this, errh).read_mp("TYPE", WordArg(), type).read_mp("PORT", AnyArg(), where).complete() < 0) return -EINVAL;
  for (auto& ch : type) ch = char(toupper((unsigned char)ch));
  if (type == "TCP") {
    uint16_t port;
    bool plus = !where.empty() && where.back() == '+';   // "41930+": the first free port from there
    if (plus) where.pop_back();
    if (!IntArg().parse(where, port, ArgContext(this, errh))) return errh->error("PORT: expected TCP port number");
    tcp_ = true;
    port_plus_ = plus;
    where_ = std::to_string(port);
  } else if (type == "UNIX") {
    String path = cp_unquote(where);
    if (path.empty()) return errh->error("FILENAME: expected filename");
    if (path.size() >= sizeof(((struct sockaddr_un*)nullptr)->sun_path)) return errh->error("filename too long");
    tcp_ = false;
    where_ = path;
  } else
    return errh->error("unknown socket type '%s'", type.c_str());
  if (!tcp_ && have_address) return errh->error("ADDRESS: only for a TCP socket");
  read_only_ = read_only; verbose_ = verbose; localhost_ = localhost; retries_ = retries; retry_warnings_ = retry_warnings;
  reconfigure_ = have_reconfigure ? reconfigure : !tcp_;
  address_ = address; have_address_ = have_address;
  return 0;
}

int ControlSocket::open_socket(ErrorHandler* errh) {
  int fd;
  if (tcp_) {
    fd = socket(PF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0) return errh->error("socket: %s", strerror(errno));
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in sa;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_port = htons(uint16_t(atoi(where_.c_str())));
    sa.sin_addr.s_addr = have_address_ ? address_.addr() : localhost_ ? htonl(INADDR_LOOPBACK) : htonl(INADDR_ANY);
    int port = atoi(where_.c_str());
    while (bind(fd, (struct sockaddr*)&sa, sizeof sa) < 0) {
      if (!port_plus_ || errno != EADDRINUSE || port >= 65535) { int e = errno; close(fd); errno = e; return -1; }
      sa.sin_port = htons(uint16_t(++port));
    }
    where_ = std::to_string(port);   // the "port" handler tells which one
  } else {
    fd = socket(PF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0) return errh->error("socket: %s", strerror(errno));
    struct sockaddr_un sa;
    memset(&sa, 0, sizeof sa);
    sa.sun_family = AF_UNIX;
    memcpy(sa.sun_path, where_.c_str(), where_.size() + 1);
    // born 0600: there is no window in which another user could connect (the
    // driver is single-threaded, so the process-wide umask is ours meanwhile)
    mode_t old = umask(0077);
    int rc = bind(fd, (struct sockaddr*)&sa, sizeof sa);
    umask(old);
    if (rc < 0) { int e = errno; close(fd); errno = e; return -1; }
  }
  if (listen(fd, 8) < 0) { int e = errno; close(fd); errno = e; return -1; }
  listen_fd_ = fd;
  add_select(fd, SELECT_READ);
  return 0;
}

int ControlSocket::initialize(ErrorHandler* errh) {
  retry_timer_.initialize(this);
  if (open_socket(errh) == 0) return 0;
  if (retries_ > 0) {
    if (retry_warnings_) errh->warning("bind: %s (%d %s left)", strerror(errno), retries_, retries_ == 1 ? "try" : "tries");
    retry_timer_.schedule_after_sec(1);
    return 0;
  }
  return errh->error("bind: %s", strerror(errno));
}

void ControlSocket::run_timer(Timer*) {
  if (listen_fd_ >= 0) return;
  --retries_;
  if (open_socket(ErrorHandler::silent_handler()) == 0) return;
  if (retries_ > 0) {
    if (retry_warnings_) click_chatter("%s: bind: %s (%d %s left)", declaration().c_str(), strerror(errno), retries_, retries_ == 1 ? "try" : "tries");
    retry_timer_.schedule_after_sec(1);
  } else {
    click_chatter("%s: bind: %s", declaration().c_str(), strerror(errno));
    router()->please_stop_driver();
  }
}

void ControlSocket::cleanup(CleanupStage) {
  for (auto& kv : conns_) { flush(kv.first, kv.second); if (router()) remove_select(kv.first, SELECT_READ | SELECT_WRITE); close(kv.first); }
  conns_.clear();
  if (listen_fd_ >= 0) {
    if (router()) remove_select(listen_fd_, SELECT_READ);
    shutdown(listen_fd_, SHUT_RDWR);
    close(listen_fd_);
    if (!tcp_) unlink(where_.c_str());
    listen_fd_ = -1;
  }
}

void ControlSocket::message(Conn& c, int code, const String& s, bool continuation) {
  if (!c.write_closed) c.out += std::to_string(code) + (continuation ? "-" : " ") + printable(s) + "\r\n";
}

void ControlSocket::transfer(Conn& c, int code, const String& msg, const Vector<String>& msgs) {
  if (!msg.empty()) message(c, code, msgs.empty() ? msg : msg + ":", !msgs.empty());
  for (size_t i = 0; i < msgs.size(); ++i) message(c, code, msgs[i], i + 1 < msgs.size());
}

const Handler* ControlSocket::parse_handler(Conn& c, const String& full, Element** ep) {
  String name = full;
  size_t dot = name.find('.');
  if (dot == 0 || (dot == 1 && name[0] == '0')) { name = name.substr(dot + 1); dot = name.find('.'); }
  Element* e = nullptr;
  String hname = name;
  if (dot != String::npos) {
    // longest element name that exists (element names may contain '.'? Click: first dot)
    String ename = name.substr(0, dot);
    e = router()->find(ename);
    if (!e) {
      char* end;
      long num = strtol(ename.c_str(), &end, 10);
      if (!*end && num > 0 && num <= router()->nelements()) e = router()->element(int(num - 1));
    }
    if (!e) { message(c, CSERR_NO_SUCH_ELEMENT, "No element named '" + ename + "'"); return nullptr; }
    hname = name.substr(dot + 1);
  }
  const Handler* h = router()->handler(e, hname);
  if (!h) { message(c, CSERR_NO_SUCH_HANDLER, "No handler named '" + full + "'"); return nullptr; }
  *ep = e;
  return h;
}

void ControlSocket::read_command(Conn& c, const String& name, const String& param) {
  Element* e;
  const Handler* h = parse_handler(c, name, &e);
  if (!h) return;
  if (!h->readable()) { message(c, CSERR_PERMISSION, "Handler '" + name + "' write-only"); return; }
  MessageCollector mc;
  String data = h->read(e, param, &mc);
  if (mc.nerrors() > 0) { transfer(c, CSERR_HANDLER_ERROR, "Read handler '" + name + "' error", mc.msgs); return; }
  message(c, CSERR_OK, "Read handler '" + name + "' OK");
  c.out += "DATA " + std::to_string(data.size()) + "\r\n";
  c.out += data;
}

void ControlSocket::write_command(Conn& c, const String& name, const String& data) {
  Element* e;
  const Handler* h = parse_handler(c, name, &e);
  if (!h) return;
  if (!h->writable()) { message(c, CSERR_PERMISSION, "Handler '" + name + "' read-only"); return; }
  if (write_refused(c, name, e, h)) return;
  MessageCollector mc;
  int r = h->write(data, e, &mc);
  int code = CSERR_OK;
  if (mc.nerrors() > 0 || r < 0) code = CSERR_HANDLER_ERROR;
  else if (mc.nwarnings() > 0) code = CSERR_OK_HANDLER_WARNING;
  String msg = code == CSERR_OK ? "Write handler '" + name + "' OK"
             : code == CSERR_OK_HANDLER_WARNING ? "Write handler '" + name + "' OK with warnings"
             : "Write handler '" + name + "' error";
  transfer(c, code, msg, mc.msgs);
}

void ControlSocket::check_command(Conn& c, const String& name, bool write) {
  Element* e;
  const Handler* h = parse_handler(c, name, &e);
  if (!h) return;
  bool ok = write ? h->writable() : h->readable();
  if (write && ok && write_refused(c, name, e, h)) return;
  if (ok) message(c, CSERR_OK, String(write ? "Write" : "Read") + " handler '" + name + "' OK");
  else message(c, CSERR_NO_SUCH_HANDLER, "Handler '" + name + (write ? "' not writable" : "' not readable"));
}

bool ControlSocket::write_refused(Conn& c, const String& name, const Element* e, const Handler* h) {
  bool reconfig = e ? h->name == "config" : h->name == "hotconfig";
  if (!read_only_ && (reconfigure_ || !reconfig)) return false;
  ++refused_;
  message(c, CSERR_PERMISSION, "Permission denied for '" + name + "'" +
          (read_only_ ? String() : String(" (reconfiguration is not enabled on this socket: RECONFIGURE)")));
  return true;
}

// A UNIX peer must be root or the engine's own user: the socket's mode already
// says so, this holds even when an operator loosens the mode or the directory.
bool ControlSocket::peer_allowed(int fd) {
  if (tcp_) return true;
  struct ucred cred;
  socklen_t len = sizeof cred;
  if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) < 0) return false;
  return cred.uid == 0 || cred.uid == geteuid();
}

int ControlSocket::parse_command(int fd, Conn& c, const String& line) {
  Vector<std::pair<size_t, size_t>> w;  // word spans
  for (size_t p = 0; p < line.size();) {
    while (p < line.size() && isspace((unsigned char)line[p])) ++p;
    size_t b = p;
    while (p < line.size() && !isspace((unsigned char)line[p])) ++p;
    if (b < p) w.push_back({b, p});
  }
  if (w.empty()) return 0;
  auto word = [&](size_t i) { return line.substr(w[i].first, w[i].second - w[i].first); };
  String cmd = word(0);
  for (auto& ch : cmd) ch = char(toupper((unsigned char)ch));
  if (cmd == "READ" || cmd == "GET" || cmd == "WRITE" || cmd == "SET") {
    if (w.size() < 2) { message(c, CSERR_SYNTAX, "Wrong number of arguments"); return 0; }
    String data = w.size() > 2 ? line.substr(w[2].first, w.back().second - w[2].first) : String();
    if (cmd[0] == 'R' || cmd[0] == 'G') read_command(c, word(1), data);
    else write_command(c, word(1), data);
  } else if (cmd == "READDATA" || cmd == "WRITEDATA" || cmd == "SETDATA") {
    if (w.size() != 3) { message(c, CSERR_SYNTAX, "Wrong number of arguments"); return 0; }
    String n = word(2);
    char* end;
    long len = strtol(n.c_str(), &end, 10);
    if (*end || len < 0 || n.empty()) { message(c, CSERR_SYNTAX, "Syntax error in '" + cmd + "'"); return 0; }
    if (c.in.size() < size_t(len)) {
      if (c.read_closed) { message(c, CSERR_SYNTAX, "Not enough data"); return 0; }
      return 1;
    }
    String data = c.in.substr(0, size_t(len));
    c.in.erase(0, size_t(len));
    if (cmd[0] == 'R') read_command(c, word(1), data);
    else write_command(c, word(1), data);
  } else if (cmd == "READUNTIL" || cmd == "WRITEUNTIL") {
    if (w.size() < 2) { message(c, CSERR_SYNTAX, "Wrong number of arguments"); return 0; }
    String until = w.size() > 2 ? line.substr(w[2].first, w.back().second - w[2].first) : String();
    size_t s = 0, lb, le;
    while (true) {
      lb = le = s;
      for (; s < c.in.size() && c.in[s] != '\n' && c.in[s] != '\r'; ++s)
        if (!isspace((unsigned char)c.in[s])) le = s + 1;
      if (s == c.in.size()) {
        if (c.read_closed) { message(c, CSERR_SYNTAX, "Connection closed"); return 0; }
        return 1;
      }
      if (c.in[s] == '\r' && s + 1 < c.in.size() && c.in[s + 1] == '\n') s += 2; else ++s;
      if (c.in.substr(lb, le - lb) == until) break;
    }
    String data = c.in.substr(0, lb);
    c.in.erase(0, s);
    if (cmd[0] == 'R') read_command(c, word(1), data);
    else write_command(c, word(1), data);
  } else if (cmd == "CHECKREAD" || cmd == "CHECKWRITE") {
    if (w.size() != 2) { message(c, CSERR_SYNTAX, "Wrong number of arguments"); return 0; }
    check_command(c, word(1), cmd[5] == 'W');
  } else if (cmd == "CLOSE" || cmd == "QUIT") {
    if (w.size() != 1) message(c, CSERR_SYNTAX, "Bad command syntax");
    message(c, CSERR_OK, "Goodbye!");
    c.read_closed = true;
    c.in.clear();
  } else if (cmd == "HELP") {
    message(c, CSERR_OK, "Commands supported:", true);
    message(c, CSERR_OK, "READ handler [arg...]   call read handler, return DATA", true);
    message(c, CSERR_OK, "READDATA handler len    call read handler with len data bytes, return DATA", true);
    message(c, CSERR_OK, "READUNTIL handler term  call read handler, take data until term, return DATA", true);
    message(c, CSERR_OK, "WRITE handler [arg...]  call write handler", true);
    message(c, CSERR_OK, "WRITEDATA handler len   call write handler, pass len data bytes", true);
    message(c, CSERR_OK, "WRITEUNTIL handler term call write handler, take data until term", true);
    message(c, CSERR_OK, "CHECKREAD handler       check if read handler is valid", true);
    message(c, CSERR_OK, "CHECKWRITE handler      check if write handler is valid", true);
    message(c, CSERR_OK, "QUIT                    close connection");
  } else if (cmd == "LLRPC") {
    message(c, CSERR_UNIMPLEMENTED, "Command 'LLRPC' unimplemented");
  } else
    message(c, CSERR_UNIMPLEMENTED, "Command '" + cmd + "' unimplemented");
  (void)fd;
  return 0;
}

void ControlSocket::flush(int fd, Conn& c) {
  while (!c.out.empty() && !c.write_closed) {
    ssize_t n = ::send(fd, c.out.data(), c.out.size(), MSG_NOSIGNAL);
    if (n > 0) c.out.erase(0, size_t(n));
    else if (n < 0 && errno == EINTR) continue;
    else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) break;
    else { c.write_closed = true; c.out.clear(); }
  }
}

void ControlSocket::close_conn(int fd) {
  remove_select(fd, SELECT_READ | SELECT_WRITE);
  close(fd);
  conns_.erase(fd);
  if (verbose_) click_chatter("%s: closed connection %d", declaration().c_str(), fd);
}

void ControlSocket::accept_one() {
  int fd = accept4(listen_fd_, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
  if (fd < 0) {
    if (errno != EAGAIN && errno != EWOULDBLOCK) click_chatter("%s: accept: %s", declaration().c_str(), strerror(errno));
    return;
  }
  if (!peer_allowed(fd)) {
    ++refused_;
    static const char no[] = "530 Permission denied\r\n";
    (void)!::send(fd, no, sizeof no - 1, MSG_NOSIGNAL | MSG_DONTWAIT);
    close(fd);
    if (verbose_) click_chatter("%s: refused a connection from another user", declaration().c_str());
    return;
  }
  if (verbose_) click_chatter("%s: opened connection %d", declaration().c_str(), fd);
  Conn& c = conns_[fd];
  c.out = String("Click::ControlSocket/") + protocol_version + "\r\n";
  add_select(fd, SELECT_READ);
  flush(fd, c);
  if (!c.out.empty()) add_select(fd, SELECT_WRITE);
}

// Runs every complete command now buffered in c.in, appending replies to c.out.
void ControlSocket::process(int fd, Conn& c) {
  int guard = 0;
  while (!c.in.empty() && guard++ < 10000) {
    size_t pos = 0;
    while (pos < c.in.size() && c.in[pos] != '\r' && c.in[pos] != '\n') ++pos;
    if (pos == c.in.size() && !c.read_closed) break;
    if (pos + 1 < c.in.size() && c.in[pos] == '\r' && c.in[pos + 1] == '\n') pos += 2;
    else if (pos < c.in.size()) ++pos;
    String old = c.in;
    String line = c.in.substr(0, pos);
    c.in.erase(0, pos);
    if (parse_command(fd, c, line) > 0) { c.in = old; break; }
    if (c.read_closed && c.in.empty()) break;
  }
}

String ControlSocket::converse(const String& input) {
  Conn c;
  c.in = input;
  c.read_closed = true;   // everything the peer will ever send
  process(-1, c);
  return c.out;
}

void ControlSocket::service(int fd) {
  auto it = conns_.find(fd);
  if (it == conns_.end()) return;
  Conn& c = it->second;
  if (!c.read_closed) {
    char buf[4096];
    ssize_t r = read(fd, buf, sizeof buf);
    if (r > 0) c.in.append(buf, size_t(r));
    else if (r == 0 || (errno != EAGAIN && errno != EINTR && errno != EWOULDBLOCK)) c.read_closed = true;
  }
  process(fd, c);
  flush(fd, c);
  if ((c.read_closed && c.out.empty()) || c.write_closed) { close_conn(fd); return; }
  if (!c.out.empty()) add_select(fd, SELECT_WRITE); else remove_select(fd, SELECT_WRITE);
}

void ControlSocket::selected(int fd, int mask) {
  if (fd == listen_fd_) { accept_one(); return; }
  auto it = conns_.find(fd);
  if (it == conns_.end()) return;
  if (mask & SELECT_WRITE) {
    flush(fd, it->second);
    if (it->second.out.empty()) {
      remove_select(fd, SELECT_WRITE);
      if (it->second.read_closed || it->second.write_closed) { close_conn(fd); return; }
    }
  }
  if (mask & SELECT_READ) service(fd);
}

void ControlSocket::add_handlers() {
  add_read_handler("port", [this]() { return where_; });
  add_read_handler("refused", [this]() { return std::to_string(refused_); });
}
EXPORT_ELEMENT(ControlSocket)
CLICK_ENDDECLS
