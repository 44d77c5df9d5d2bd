// -*- c++ -*-
#ifndef NETSERV_FROMIPSUMMARYDUMP_HH
#define NETSERV_FROMIPSUMMARYDUMP_HH
#include <click/element.hh>
#include <click/task.hh>
#include <click/timer.hh>
#include "ipsumdumpfields.hh"
CLICK_DECLS

/*
=c

FromIPSummaryDump(FILENAME [, I<keywords> STOP, ACTIVE, ZERO, CHECKSUM, PROTO, TIMING, MULTIPACKET, DATA, DEFAULT_CONTENTS])

=s traces

reads packets from an IP summary dump file

=d

Reads packet descriptions, one per line, from an ASCII IP summary dump (as
ToIPSummaryDump writes), builds an IPv4 packet for each and emits it (push:
from a task; pull: on request). FILENAME `-' is standard input. The
`C<!data FIELD...>' line (or `C<!contents>') names the fields of the lines
that follow: C<timestamp>, C<ts_sec>, C<ts_usec>, C<src>/C<ip_src>,
C<dst>/C<ip_dst>, C<sport>, C<dport>, C<proto> (C<T>, C<U>, C<I> or a
number), C<ip_len>, C<ip_id>, C<ip_tos>, C<ip_ttl>, C<ip_ecn>, C<ip_frag>,
C<ip_fragoff>, C<ip_opt>, C<tcp_seq>, C<tcp_ack>, C<tcp_flags>,
C<tcp_window>, C<tcp_urp>, C<tcp_off>, C<tcp_opt>, C<payload> (a quoted
string), C<payload_len>, C<count>, C<link>/C<paint>, C<direction> (C<E<gt>>,
C<E<lt>> or a number), C<aggregate>, C<icmp_type>, C<icmp_type_name>,
C<icmp_code>, C<icmp_flowid>, C<icmp_seq>. A value `C<->' means absent.
`C<!proto P>' sets the protocol of lines without one. Other `!' lines and
blank lines are ignored. Packets carry only their headers and payload; a
longer IP length is recorded in the extra length annotation. Absent fields
are zero (TCP flags too) except the TTL, 100 as in Click; C<ip_hl> longer than 20 pads the header with
zero option bytes. Each packet's destination IP annotation is its C<ip_dst>.

=k

=item STOP

Boolean. Stop the driver at the end of the file. Default false.

=item ACTIVE

Boolean. If false, emit nothing until the C<active> handler is set. Default true.

=item ZERO

Boolean. Accepted for compatibility: unset packet bytes are always zero.

=item CHECKSUM

Boolean. Set correct IP and transport checksums. Default false.

=item PROTO

Protocol for lines without one (default 6, TCP).

=item TIMING

Boolean. If true, emit packets at the pace of their timestamps: a packet
stamped T leaves T - T0 after the first one (stamped T0). Default false.

=item MULTIPACKET

Boolean. Emit C<count> packets for a line with a count field. Default false.

=item DATA

String. The dump's text, instead of a file.

=item DEFAULT_CONTENTS

String. Field names in effect before any C<!data> line.

=h active read/write

Whether packets are emitted.

=h encap read-only

Returns `IP'.

=h filesize, filepos read-only

Size of the dump and how far it has been read (bytes).

=a ToIPSummaryDump, FromDump
*/
class FromIPSummaryDump : public Element, public EmptyNotifier {
 public:
  FromIPSummaryDump();
  const char* class_name() const override { return "FromIPSummaryDump"; }
  const char* port_count() const override { return PORTS_0_1; }
  const char* processing() const override { return AGNOSTIC; }
  int configure(Vector<String>& conf, ErrorHandler* errh) override;
  int initialize(ErrorHandler* errh) override;
  void add_handlers() override;
  bool run_task(Task*) override;
  Packet* pull(int) override;
  void run_timer(Timer*) override;
  void* cast(const char* n) override;
  // pull mode: pullers sleep once the file is done or while inactive
  bool notifier_active() const override { return active_ && !done_; }
  void add_listener(Task* t) override { listeners_.push_back(t); }
  void cleanup(CleanupStage) override {
    if (held_) held_->kill();
    if (pending_) pending_->kill();
    held_ = pending_ = nullptr;
  }

 private:
  String filename_, text_;
  size_t pos_ = 0;
  bool stop_ = false, active_ = true, zero_ = true, checksum_ = false, multipacket_ = false;
  int default_proto_ = 6;
  Vector<ipsum::Field> fields_;
  bool done_ = false;
  Packet* pending_ = nullptr;   // MULTIPACKET copies still to emit
  uint32_t pending_count_ = 0;
  int lineno_ = 0;
  Task task_;
  Timer timer_;
  bool timing_ = false, have_t0_ = false;
  Timestamp t0_, start_;        // first packet's timestamp; steady time it left
  Packet* held_ = nullptr;      // TIMING: the next packet, not yet due
  Vector<Task*> listeners_;     // pullers woken when "active" is set
  bool due(Packet* p);
  Packet* next_packet();
  void finish();
  int set_fields(const String& names, ErrorHandler* errh);
};

CLICK_ENDDECLS
#endif
