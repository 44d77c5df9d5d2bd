// -*- c++ -*-
#ifndef NETSERV_FROMDUMP_HH
#define NETSERV_FROMDUMP_HH
#include <click/element.hh>
#include <click/handlercall.hh>
#include <click/task.hh>
#include <click/timer.hh>
#include <cstdio>
CLICK_DECLS

/*
=c

FromDump(FILENAME [, I<keywords> STOP, TIMING, ACTIVE, SAMPLE, FORCE_IP, START, START_AFTER, END, END_AFTER, INTERVAL, END_CALL, FILEPOS])

=s traces

reads packets from a tcpdump (pcap) file

=d

Reads packets from a file produced by tcpdump or ToDump (classic pcap;
microsecond or nanosecond timestamps; either byte order). Each packet's
timestamp annotation is set from the record. Records whose captured length is
shorter than the original get the difference in EXTRA_LENGTH_ANNO.

Agnostic: in push mode a task emits one packet per run; in pull mode each
pull returns the next packet. Output 1, if present, gets packets dropped by
SAMPLE or FORCE_IP.

=k

=item STOP

Boolean. If true, stop the driver when the file is exhausted. Default false.

=item TIMING

Boolean. If true, emit packets at the pace of their timestamps (relative to the
first packet). Default false: as fast as possible.

=item ACTIVE

Boolean. If false, do not emit packets until the "active" handler is set. Default true.

=item SAMPLE

Probability (0-1) of emitting each packet. Default 1.

=item FORCE_IP

Boolean. If true, emit only IP packets (setting their IP header annotation);
others go to output 1 or are dropped. Default false.

=item START, START_AFTER, END, END_AFTER, INTERVAL

Timestamps / intervals bounding which packets are emitted: absolute START/END,
or relative to the first packet (START_AFTER, END_AFTER), INTERVAL = END_AFTER
from START.

=item END_CALL

Write handler ("ELEMENT.HANDLER [VALUE]") called when the file is exhausted.

=h count read-only

Number of packets emitted.

=h active read/write

Whether packets are being emitted.

=h encap read-only

The file's encapsulation (ETHER, IP, ...).

=h filesize read-only

File size in bytes.

=h filepos read-only

Current position in the file.

=h stop write-only

Stop emitting packets (and the driver, if STOP is true).

=a ToDump, FromDevice
*/
class FromDump : public Element {
 public:
  FromDump();
  ~FromDump();
  const char* class_name() const override { return "FromDump"; }
  const char* port_count() const override { return "0/1-2"; }
  const char* processing() const override { return AGNOSTIC; }
  int configure_phase() const override { return CONFIGURE_PHASE_DEFAULT; }
  int configure(Vector<String>& conf, ErrorHandler* errh) override;
  int initialize(ErrorHandler* errh) override;
  void cleanup(CleanupStage) override;
  void add_handlers() override;
  bool run_task(Task*) override;
  void run_timer(Timer*) override;
  Packet* pull(int port) override;

  static String unparse_linktype(uint32_t lt);
  static int parse_linktype(const String& name);

 private:
  String filename_;
  FILE* f_ = nullptr;
  bool swapped_ = false;
  bool nano_ = false;
  uint32_t linktype_ = 1;
  uint64_t filesize_ = 0;
  bool stop_ = false, timing_ = false, active_ = true, force_ip_ = false;
  double sample_ = 1.0;
  Timestamp start_, start_after_, end_, end_after_, interval_;
  bool have_start_ = false, have_start_after_ = false, have_end_ = false, have_end_after_ = false, have_interval_ = false;
  HandlerCall end_call_;
  uint64_t count_ = 0;
  Task task_;
  Timer timer_;
  Packet* pending_ = nullptr;     // read ahead (timing)
  Timestamp first_ts_;
  Timestamp wall_base_;
  bool have_first_ = false;
  bool eof_ = false;
  bool done_ = false;
  bool finished_ = false;  // end reported
  uint32_t rng_ = 0x2545F491;

  Packet* read_packet(ErrorHandler* errh);
  Packet* next_packet(bool& output1);
  bool admissible(Packet* p, bool& output1);
  void finish();
};

CLICK_ENDDECLS
#endif
