// -*- c++ -*-
#ifndef NETSERV_DRIVERMANAGER_HH
#define NETSERV_DRIVERMANAGER_HH
#include <click/element.hh>
#include <click/timer.hh>
CLICK_DECLS
/*
=c

DriverManager(INSTRUCTIONS...)

=s control

a Click script that manages driver stop events

=d

DriverManager runs a simple script when the router is initialized, and
decides when the driver stops. Sources such as FromDump with STOP true and
InfiniteSource with STOP true send "stop events" (please_stop_driver); without
a DriverManager the first stop event stops the driver. With one, the script
decides. Each argument is an instruction (empty arguments are ignored):

=item wait_stop [N], pause [N]

Wait for N stop events (default 1).

=item wait [TIME]

Without TIME, wait_stop 1; with TIME, wait_time TIME.

=item wait_time TIME

Wait for TIME (e.g. 1.5s, 100ms), or until a stop event occurs, whichever comes first.

=item wait_for TIME

Wait for TIME; stop events in the meantime are ignored.

=item write HANDLER [ARGS]

Call a write handler ("call" is a synonym).

=item write_skip HANDLER [ARGS]

Call a write handler, unless the script is stopping because of a stop event.

=item read HANDLER [PARAM]

Call a read handler and print its name and value to standard error.

=item print [>FILE | >>FILE] HANDLER [PARAM] | 'TEXT'

Call a read handler (or take the quoted text) and print the result to
standard output (or to FILE).

=item stop

Stop the driver (also "quit").

=item loop

Start over at the first instruction.

When the script runs out of instructions, the driver stops. The default script
is "wait_stop 1, stop".

=h count read-only

Number of stop events received so far.

=e

  DriverManager(wait_time 0.5s, print c.count, write c.reset, wait_stop, stop)

=a Script
*/
class DriverManager : public Element {
 public:
  DriverManager() : timer_(this) {}
  const char* class_name() const override { return "DriverManager"; }
  const char* port_count() const override { return PORTS_0_0; }
  int configure_phase() const override { return CONFIGURE_PHASE_LAST; }
  int configure(Vector<String>& conf, ErrorHandler* errh) override;
  int initialize(ErrorHandler* errh) override;
  void add_handlers() override;
  void run_timer(Timer*) override;

 private:
  enum Insn { WAIT_STOP, WAIT_TIME, WAIT_FOR, WRITE, WRITE_SKIP, READ, PRINT, STOP, LOOP };
  struct Step { Insn insn; int n; Timestamp t; String handler; String arg; String file; bool append; };
  Vector<Step> steps_;
  size_t pc_ = 0;
  int waited_ = 0;
  uint64_t stops_ = 0;
  bool stopping_by_event_ = false;
  bool started_wait_ = false;
  Timer timer_;
  bool on_stop_event();
  void run_steps();
  void do_print(const Step& s);
};
CLICK_ENDDECLS
#endif
