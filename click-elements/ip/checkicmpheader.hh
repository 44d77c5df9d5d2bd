// -*- c++ -*-
#ifndef NETSERV_CHECKICMPHEADER_HH
#define NETSERV_CHECKICMPHEADER_HH
#include <click/element.hh>
CLICK_DECLS
/*
=c
CheckICMPHeader([I<keywords> VERBOSE, DETAILS])
=s icmp
checks ICMP header on ICMP packets
=d
Expects ICMP packets with IP header annotations. Checks that the packet holds
the whole ICMP message (at least 8 bytes, as far as the IP length says) and
that its checksum is correct. Good packets go to output 0; bad ones are
dropped, or emitted on output 1 when it is connected.
=k
=item VERBOSE
Boolean. Print a message for every bad packet (else only the first). Default false.
=item DETAILS
Boolean. Count drops by reason (the C<drop_details> handler). Default false.
=h count read-only
Packets that passed.
=h drops read-only
Packets dropped.
=h drop_details read-only
Drops by reason (with DETAILS).
=a CheckIPHeader, CheckTCPHeader, CheckUDPHeader
*/
class CheckICMPHeader : public Element {
 public:
  const char* class_name() const override { return "CheckICMPHeader"; }
  const char* port_count() const override { return PORTS_1_1X2; }
  const char* processing() const override { return PROCESSING_A_AH; }
  int configure(Vector<String>& conf, ErrorHandler* errh) override;
  void add_handlers() override;
  Packet* simple_action(Packet* p) override;
 private:
  enum Reason { NOT_ICMP, BAD_LENGTH, BAD_CHECKSUM, NREASONS };
  bool verbose_ = false, details_ = false;
  uint64_t count_ = 0, drops_ = 0, reason_drops_[NREASONS] = {};
  Packet* drop(Reason r, Packet* p);
};
CLICK_ENDDECLS
#endif
