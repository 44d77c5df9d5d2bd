// -*- c++ -*-
#ifndef NETSERV_TOIPSUMMARYDUMP_HH
#define NETSERV_TOIPSUMMARYDUMP_HH
#include <click/element.hh>
#include <click/task.hh>
#include <cstdio>
#include "ipsumdumpfields.hh"
CLICK_DECLS

/*
=c

ToIPSummaryDump(FILENAME [, I<keywords> FIELDS, VERBOSE, BANNER, HEADER, MULTIPACKET, BAD_PACKETS])

=s traces

writes packet summary information to an ASCII file

=d

Writes one line per IP packet to FILENAME (`-' is standard output): the
values of the FIELDS (space-separated field names, as FromIPSummaryDump
reads them: C<timestamp> (SEC.USEC), C<ts_sec>, C<ts_usec>, C<src>, C<dst>,
C<sport>, C<dport>, C<proto>, C<ip_len>, C<ip_id>, C<ip_tos>, C<ip_ttl>,
C<ip_hl>, C<ip_ecn>, C<ip_frag>, C<ip_fragoff>, C<ip_opt>, C<tcp_seq>,
C<tcp_ack>, C<tcp_flags>, C<tcp_window>, C<tcp_urp>, C<tcp_off>,
C<tcp_opt>, C<udp_len>, C<payload>, C<payload_len>, C<count>, C<link>,
C<direction>, C<paint>, C<aggregate>, C<icmp_type>, C<icmp_code>,
C<icmp_type_name>, C<icmp_flowid>, C<icmp_seq>, C<wire_len>), separated by
spaces; `C<->' marks a value the packet does not hold (a truncated header,
a port of a non-TCP/UDP packet). The file starts with `C<!IPSummaryDump
1.3>' and a `C<!data FIELDS>' line. Packets pass through to the optional
output.

=k

=item FIELDS

Space-separated field names (CONTENTS is a synonym). Default C<timestamp src>.

=item BANNER

String. Written as a `C<!creator>' line.

=item HEADER

Boolean. Write the `!' header lines. Default true.

=item VERBOSE, MULTIPACKET, BAD_PACKETS

Booleans, accepted for compatibility (BAD_PACKETS: truncated packets are
always written, with `C<->' for what is missing).

=h filename read-only

=h flush write-only

Flushes the file.

=a FromIPSummaryDump, ToDump
*/
class ToIPSummaryDump : public Element {
 public:
  ToIPSummaryDump() : task_(this) {}
  const char* class_name() const override { return "ToIPSummaryDump"; }
  const char* port_count() const override { return "1/0-1"; }
  const char* processing() const override { return AGNOSTIC; }
  int configure(Vector<String>& conf, ErrorHandler* errh) override;
  int initialize(ErrorHandler* errh) override;
  void cleanup(CleanupStage) override;
  void add_handlers() override;
  void push(int, Packet* p) override;
  bool run_task(Task*) override;

 private:
  String filename_, banner_;
  bool header_ = true;
  Vector<ipsum::Field> fields_;
  Vector<String> field_names_;
  FILE* f_ = nullptr;
  Task task_;
  EmptyNotifier* notifier_ = nullptr;
  String line_;
  void write_packet(Packet* p);
};

CLICK_ENDDECLS
#endif
