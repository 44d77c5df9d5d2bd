// -*- c++ -*-
#ifndef NETSERV_CHECKIPHEADER_HH
#define NETSERV_CHECKIPHEADER_HH
#include <click/element.hh>
CLICK_DECLS
/*
=c

CheckIPHeader([BADSRC, OFFSET, I<keywords> INTERFACES, BADSRC, GOODDST, OFFSET, VERBOSE, DETAILS, CHECKSUM])

=s ip

checks IP header

=d

Input packets should have IP headers starting OFFSET bytes in. Default OFFSET
is zero. Checks that the packet's length is reasonable, and that the IP
version, header length, length, and checksum fields are valid. Checks that the
IP source address is a legal unicast address, or that the packet is destined
for one of this machine's addresses (see below). Shortens packets to the IP
length, if the IP length is shorter than the nominal packet length (due to
Ethernet padding, for example). Also sets the destination IP address
annotation to the actual destination IP address, and the IP header annotation.

CheckIPHeader emits valid packets on output 0. Invalid packets are pushed out
on output 1, if present; otherwise, they are dropped.

The BADSRC argument is a space-separated list of IP addresses that are not to
be tolerated as source addresses. 0.0.0.0 and 255.255.255.255 are always bad.
Packets with a bad source are accepted if their destination is in GOODDST.

=k

=item INTERFACES

Space-separated list of IP addresses with network prefixes, meant to represent
this router's interface addresses. "INTERFACES 18.26.4.9/24 18.32.9.44/28" acts
like a BADSRC of "18.26.4.255 18.32.9.47 0.0.0.0 255.255.255.255" and a
GOODDST of "18.26.4.9 18.32.9.44".

=item BADSRC, GOODDST

Space-separated lists of IP addresses (see above).

=item OFFSET

Unsigned integer. Byte position at which the IP header begins. Default is 0.

=item CHECKSUM

Boolean. If true, then check each packet's checksum for validity; if false,
do not check the checksum. Default is true.

=item VERBOSE

Boolean. If it is true, then a message will be printed for every erroneous
packet, rather than just the first. False by default.

=item DETAILS

Boolean. If it is true, then CheckIPHeader will maintain detailed counts of
how many packets were dropped for each possible reason, accessible through the
"drop_details" handler. False by default.

=h count read-only

Returns the number of correct packets CheckIPHeader has seen.

=h drops read-only

Returns the number of incorrect packets CheckIPHeader has seen.

=h drop_details read-only

Returns a text file showing how many erroneous packets CheckIPHeader has seen,
subdivided by error. Only available if the DETAILS keyword argument was true.

=a CheckIPHeader2, MarkIPHeader, SetIPChecksum, StripIPHeader, CheckTCPHeader, CheckUDPHeader, CheckICMPHeader
*/
class CheckIPHeader : public Element {
 public:
  const char* class_name() const override { return "CheckIPHeader"; }
  const char* port_count() const override { return PORTS_1_1X2; }
  const char* processing() const override { return PROCESSING_A_AH; }
  int configure(Vector<String>& conf, ErrorHandler* errh) override;
  void add_handlers() override;
  Packet* simple_action(Packet* p) override;

  enum Reason { MINISCULE_PACKET, BAD_VERSION, BAD_HLEN, BAD_IP_LEN, BAD_CHECKSUM, BAD_SADDR, NREASONS };
  static const char* const reason_texts[NREASONS];

 private:
  Vector<IPAddress> bad_src_, good_dst_;
  uint32_t offset_ = 0;
  bool checksum_ = true, verbose_ = false, details_ = false;
  uint64_t count_ = 0, drops_ = 0;
  uint64_t reason_drops_[NREASONS] = {};
  Packet* drop(Reason r, Packet* p);
};
CLICK_ENDDECLS
#endif
