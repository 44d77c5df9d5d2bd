// -*- c++ -*-
#ifndef NETSERV_SCRIPT_HH
#define NETSERV_SCRIPT_HH
#include <click/element.hh>
#include <click/timer.hh>
#include <map>
CLICK_DECLS

/*
=c

Script(INSTRUCTIONS... [, I<keyword> TYPE])

=s control

script a Click router configuration

=d

Each argument is an instruction, run in order. Text undergoes substitution
first: C<$VAR> and C<${VAR}> are script variables, C<$(HANDLER ARGS)> is the
value of a read handler (a name without a dot is the Script's own handler,
then a global one), C<$args>, C<$1>..C<$9>, C<$#> are the C<run> handler's
arguments, C<$?> is the status of the last C<write>, C<$$> the process id.
Single-quoted text is not expanded. The C<q> forms (C<setq>, C<readq>,
C<writeq>, C<returnq>, C<initq>, C<errorq>) remove a layer of quotes after
substitution.

=over 8

=item set VAR TEXT, setq VAR TEXT

Sets $VAR.

=item init VAR TEXT, initq VAR TEXT

Sets $VAR once, when the Script is initialized.

=item export VAR [TEXT]

Like C<init>; $VAR is also the read/write handler VAR.

=item print [>FILE | >>FILE] [TEXT | HANDLER], printn ...

Prints TEXT (unquoted) or, when the argument starts with a letter, `@' or
`_', the value of read handler HANDLER, then a newline (not for C<printn>),
to standard output or FILE.

=item read HANDLER [ARGS], readq ...

Prints `NAME:', a newline and the handler's value to standard error.

=item write HANDLER [ARGS], writeq ...

Calls a write handler; $? is its status (0 on success).

=item wait TIME

Blocks for TIME (or until a C<step>). Without TIME, like C<pause>.

=item pause [COUNT]

Blocks until the C<step> handler is called COUNT times (default 1).

=item label LABEL, goto LABEL [CONDITION], loop

Jumps; C<goto exit>, C<goto end>, C<goto begin>, C<goto error> are built in.
More than 1000 jumps without blocking disable the script ("too many jumps").

=item stop

Asks the driver to stop (a stop event) and goes on.

=item end, exit, return [VALUE], returnq, error [MSG], errorq

End this run. C<return> gives the C<run> handler's value (PASSIVE) or the
output port (PACKET). C<exit> drops the packet in a PACKET script.

=back

=k

=item TYPE

ACTIVE (default: runs when the router starts), PASSIVE (runs when the C<run>
handler is called), DRIVER (an active script that decides when the driver
stops: stop events are ignored until it ends), SIGNAL SIGNO... (runs on each
of the signals, e.g. INT, HUP, 10), PACKET (runs for every packet pushed to
any input; the packet leaves on output 0, or the port C<return> names), PROXY
(like PASSIVE; a handler the Script does not have runs the script with $0 its
name).

=h run read/write

Runs the script (read: with parameters as $args; returns the C<return> value).

=h step write-only

Passes the current blocking instruction (a number: that many).

=h goto write-only

Moves to the named label and runs.

=h set write-only

`VAR VALUE': sets a variable.

=h get "read with parameters"

The value of a variable.

=h shift "read with parameters"

Removes and returns the first space-separated word of a variable.

=h add, sub, mul, div, idiv, mod, rem, neg, abs, min, max "read with parameters"

Arithmetic on space-separated numbers (integers stay integers; C<div> is real
division, C<idiv> integer division).

=h eq, ne, lt, gt, le, ge "read with parameters"

Compare two numbers (or strings, when either is not a number).

=h not, and, or, if "read with parameters"

Booleans; `C<if> COND A B' is A when COND is true, else B.

=h in "read with parameters"

`X A B ...': true when X equals one of the others.

=h kill "read with parameters"

`SIGNAL PID...': sends a signal.

=h sprintf, length, unquote, cat, now, random "read with parameters"

Formatting, string length, unquoting, a file's contents (private: not
reachable through ControlSocket), the current time, a random number (`random
[[LO] HI]').

=h htons, htonl, ntohs, ntohl "read with parameters"

Byte-order conversion of integers.

=a DriverManager
*/
class Script : public Element {
 public:
  Script();
  ~Script() override;
  const char* class_name() const override { return "Script"; }
  const char* port_count() const override { return "-/-"; }
  const char* processing() const override { return PUSH; }
  int configure(Vector<String>& conf, ErrorHandler* errh) override;
  int initialize(ErrorHandler* errh) override;
  void cleanup(CleanupStage) override;
  void add_handlers() override;
  void push(int port, Packet* p) override;
  void run_timer(Timer*) override;
  void selected(int fd, int mask) override;

  enum Type { T_ACTIVE, T_PASSIVE, T_DRIVER, T_SIGNAL, T_PACKET, T_PROXY };

 private:
  enum Op { I_SET, I_SETQ, I_INIT, I_INITQ, I_EXPORT, I_EXPORTQ, I_PRINT, I_PRINTN, I_READ, I_READQ,
            I_WRITE, I_WRITEQ, I_WAIT, I_PAUSE, I_LABEL, I_GOTO, I_LOOP, I_STOP, I_END, I_EXIT,
            I_RETURN, I_RETURNQ, I_ERROR, I_ERRORQ };
  struct Insn { Op op; String arg; };
  // How a run ended: still blocked, fell off / end, exit, return, error.
  enum Outcome { R_BLOCKED, R_END, R_EXIT, R_RETURN, R_ERROR };

  Vector<Insn> insns_;
  Type type_ = T_ACTIVE;
  Vector<int> signos_;
  int sigfd_ = -1;
  std::map<String, String> vars_;
  Vector<String> exports_;
  String run_args_;
  String run_name_;      // $0 for PROXY runs
  String return_value_;
  int write_status_ = 0;
  int pc_ = 0;
  int step_count_ = 0;   // pending steps for a pause
  bool blocked_ = false;
  bool done_ = false;
  Timer timer_;

  Outcome run(int from);
  int find_label(const String& l) const;
  String expand(const String& text) const;
  size_t expand_dollar(const String& s, size_t i, String& out) const;
  String call_read(const String& call, ErrorHandler* errh, String* fullname = nullptr) const;
  String call_read_param(const String& name, const String& param, ErrorHandler* errh, String* fullname = nullptr) const;
  int call_write(const String& hname, const String& value, ErrorHandler* errh);
  int resolve(const String& name, Element*& e, String& hname) const;
  int step_handler(const String& data, bool is_goto, ErrorHandler* errh);
  String function(const String& name, const String& param, ErrorHandler* errh);
  void add_function(const char* name, bool is_private = false);
  static Vector<Script*>& signal_scripts();
  void uninstall_signals();
};

CLICK_ENDDECLS
#endif
