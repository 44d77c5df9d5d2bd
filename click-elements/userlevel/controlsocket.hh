// -*- c++ -*-
#ifndef NETSERV_CONTROLSOCKET_HH
#define NETSERV_CONTROLSOCKET_HH
#include <click/element.hh>
#include <click/timer.hh>
#include <click/ipaddress.hh>
#include <map>
CLICK_DECLS
/*
=c

ControlSocket("TCP", PORTNUMBER [, I<keywords> READONLY, RECONFIGURE, VERBOSE, LOCALHOST, ADDRESS, RETRIES, RETRY_WARNINGS])
ControlSocket("UNIX", FILENAME [, I<keywords>])

=s control

opens control sockets for other programs

=d

Opens a control socket that allows other user-level programs to call read or
write handlers on the router. Depending on its configuration string,
ControlSocket will listen on TCP port PORTNUMBER, or on a UNIX-domain socket
named FILENAME. The `-p` and `-u` options of netserv-click add one. A
PORTNUMBER ending in "+" ("41930+") means the first free port from there
on; the C<port> handler reports the one bound.

The protocol is Click's ControlSocket protocol 1.3. On connection the server
sends the greeting "Click::ControlSocket/1.3" (CRLF-terminated). Each command
is one line; replies are lines "CODE text" (CODE- for continuation lines).
Commands (case-insensitive):

  READ handler [params]     call a read handler; reply, then "DATA n" and n bytes
  READDATA handler n        read handler with n bytes of parameter data following
  WRITE handler [args]      call a write handler with the rest of the line
  WRITEDATA handler n       call a write handler with the n bytes that follow
  READUNTIL/WRITEUNTIL handler term   data is the lines up to a line equal to term
  CHECKREAD handler         is there a readable handler?
  CHECKWRITE handler        is there a writable handler?
  HELP                      list commands
  QUIT                      close the connection

Handler names are ELEMENT.HANDLER (ELEMENT may be a 1-based element number)
or a global handler name. Reply codes: 200 OK, 220 OK with warnings, 500
syntax error, 501 unimplemented command, 510 no such element, 511 no such
handler, 520 handler error, 530 permission denied, 540 no router.

The handlers are the node's root (DESIGN.md 3.7), so the sockets are local
and authenticated by default. A TCP socket binds 127.0.0.1 unless LOCALHOST
false or an ADDRESS says otherwise, and refuses (530) writes that replace the
graph or an element's configuration (the global C<hotconfig> handler and every
element's C<config> handler) unless RECONFIGURE is true. A UNIX socket is
created mode 0600 and accepts only peers (SO_PEERCRED) running as root or as
the engine's own user; others get "530 Permission denied" and are closed.

=k

=item READONLY

Boolean. If true, write handlers are refused (530). Default false.

=item RECONFIGURE

Boolean. If true, C<hotconfig> and C<ELEMENT.config> writes are allowed.
Default true for a UNIX socket, false for a TCP socket.

=item VERBOSE

Boolean. If true, print a message for every connection. Default false.

=item LOCALHOST

Boolean. If true, a TCP socket binds 127.0.0.1 only; false binds every
address. Default true (Click's default is false: a routed address must be
asked for explicitly).

=item ADDRESS

IP address. A TCP socket binds this address (overrides LOCALHOST).

=item RETRIES

Integer. If binding fails, retry this many times, once a second, before giving
up (and stopping the driver). Default 0: fail at initialization.

=item RETRY_WARNINGS

Boolean. Warn on each failed retry. Default true.

=h port read-only

The TCP port or UNIX socket path.

=h refused read-only

Connections refused (UNIX peer not root or the engine's user) and commands
refused with 530 because of READONLY or RECONFIGURE, since start.

=a ChatterSocket
*/
class ControlSocket : public Element {
 public:
  ControlSocket() : retry_timer_(this) {}
  ~ControlSocket() override;
  const char* class_name() const override { return "ControlSocket"; }
  const char* port_count() const override { return PORTS_0_0; }
  int configure(Vector<String>& conf, ErrorHandler* errh) override;
  int initialize(ErrorHandler* errh) override;
  void cleanup(CleanupStage) override;
  void add_handlers() override;
  void selected(int fd, int mask) override;
  void run_timer(Timer*) override;

  enum { CSERR_OK = 200, CSERR_OK_HANDLER_WARNING = 220, CSERR_SYNTAX = 500, CSERR_UNIMPLEMENTED = 501,
         CSERR_NO_SUCH_ELEMENT = 510, CSERR_NO_SUCH_HANDLER = 511, CSERR_HANDLER_ERROR = 520,
         CSERR_DATA_TOO_BIG = 521, CSERR_PERMISSION = 530, CSERR_NO_ROUTER = 540, CSERR_UNSPECIFIED = 590 };
  static constexpr const char* protocol_version = "1.3";
  /** The replies a peer sending `input` and then closing would get, as this socket
   *  (its READONLY/RECONFIGURE) would answer them; for tests and fuzzing. */
  String converse(const String& input);

 private:
  struct Conn { String in, out; bool read_closed = false, write_closed = false; };
  bool tcp_ = true;
  String where_;   // port number or path
  bool port_plus_ = false;   // TCP "PORT+": try PORT, PORT+1, ... until one is free
  bool read_only_ = false, verbose_ = false, localhost_ = true, retry_warnings_ = true;
  bool reconfigure_ = false;
  IPAddress address_;
  bool have_address_ = false;
  uint64_t refused_ = 0;
  int retries_ = 0;
  int listen_fd_ = -1;
  std::map<int, Conn> conns_;
  Timer retry_timer_;

  int open_socket(ErrorHandler* errh);
  void accept_one();
  void service(int fd);
  void process(int fd, Conn& c);
  int parse_command(int fd, Conn& c, const String& line);  // >0: need more data
  void message(Conn& c, int code, const String& s, bool continuation = false);
  void transfer(Conn& c, int code, const String& msg, const Vector<String>& msgs);
  const Handler* parse_handler(Conn& c, const String& name, Element** e);
  void read_command(Conn& c, const String& name, const String& param);
  void write_command(Conn& c, const String& name, const String& data);
  void check_command(Conn& c, const String& name, bool write);
  bool write_refused(Conn& c, const String& name, const Element* e, const Handler* h);
  bool peer_allowed(int fd);
  void flush(int fd, Conn& c);
  void close_conn(int fd);
};
CLICK_ENDDECLS
#endif
