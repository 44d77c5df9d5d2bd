// -*- c++ -*-
#ifndef NETSERV_ARPPRINT_HH
#define NETSERV_ARPPRINT_HH
#include <click/element.hh>
#include <cstdio>
CLICK_DECLS
/*
=c

ARPPrint([LABEL, I<keywords> TIMESTAMP, ETHER, ACTIVE, OUTFILE])

=s arp

pretty-prints ARP packets a la tcpdump

=d

Prints a line per ARP packet (the network header must be set, as ARPQuerier
and ARPResponder do): "LABEL: TIMESTAMP: arp who-has 1.0.0.1 tell 1.0.10.10",
"arp reply A is-at E", rarp/invarp forms, "truncated-arp (N)". Packets pass
through unchanged. Output goes to standard error, or to OUTFILE.

=k

=item TIMESTAMP

Boolean. Print the timestamp annotation (6 decimals). Default true.

=item ETHER

Boolean. Print "SRC > DST: " Ethernet addresses first. Default false.

=item ACTIVE

Boolean. Print nothing when false. Default true.

=item OUTFILE

Filename. Append lines to this file instead.

=h active read/write

ACTIVE.

=a IPPrint, Print, ARPQuerier
*/
class ARPPrint : public Element {
 public:
  const char* class_name() const override { return "ARPPrint"; }
  const char* port_count() const override { return PORTS_1_1; }
  int configure(Vector<String>& conf, ErrorHandler* errh) override;
  int initialize(ErrorHandler* errh) override;
  void cleanup(CleanupStage) override;
  void add_handlers() override;
  Packet* simple_action(Packet* p) override;
 private:
  String label_, outfile_name_;
  bool timestamp_ = true, ether_ = false, active_ = true;
  FILE* outfile_ = nullptr;
};
CLICK_ENDDECLS
#endif
