// -*- c++ -*-
#ifndef NETSERV_CHECKTCPHEADER_HH
#define NETSERV_CHECKTCPHEADER_HH
#include <click/element.hh>
#include <click/checksum.hh>
#include <arpa/inet.h>
#include <cstring>
CLICK_DECLS
/*
=c

CheckTCPHeader([I<keywords> VERBOSE, DETAILS, CHECKSUM])

=s tcp

checks TCP header on TCP/IP packets

=d

Expects TCP/IP packets as input (with the IP header annotation set, e.g. by
CheckIPHeader). Checks that the TCP header length and checksum fields are
valid. The TCP data offset must fit in the IP payload. Passes packets that pass all tests on to output 0. Packets
that fail any of the tests are either pushed out on output 1, if it exists,
or dropped.

=k

=item VERBOSE

Boolean. If it is true, then a message will be printed for every erroneous
packet, rather than just the first. False by default.

=item DETAILS

Boolean. If it is true, then CheckTCPHeader will maintain detailed counts of
how many packets were dropped for each possible reason, accessible through the
"drop_details" handler. False by default.

=item CHECKSUM

Boolean. If false, do not check checksums. Default true.

=h count read-only

Returns the number of correct packets.

=h drops read-only

Returns the number of incorrect packets CheckTCPHeader has seen.

=h drop_details read-only

Returns a text file showing how many erroneous packets CheckTCPHeader has
seen, subdivided by error. Only available if DETAILS was true.

=a CheckIPHeader, CheckUDPHeader, MarkIPHeader
*/
class CheckTCPHeader : public Element {
 public:
  const char* class_name() const override { return "CheckTCPHeader"; }
  const char* port_count() const override { return PORTS_1_1X2; }
  const char* processing() const override { return PROCESSING_A_AH; }
  int configure(Vector<String>& conf, ErrorHandler* errh) override {
    return Args(conf, this, errh).read("VERBOSE", verbose_).read("DETAILS", details_).read("CHECKSUM", checksum_).complete();
  }
  void add_handlers() override;
  Packet* simple_action(Packet* p) override;
  enum Reason { NOT_TCP, BAD_LENGTH, BAD_CHECKSUM, NREASONS };
 private:
  bool verbose_ = false, details_ = false, checksum_ = true;
  uint64_t count_ = 0, drops_ = 0, reason_drops_[NREASONS] = {};
  Packet* drop(Reason r, Packet* p);
};
CLICK_ENDDECLS
#endif
