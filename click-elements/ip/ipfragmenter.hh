// -*- c++ -*-
#ifndef NETSERV_IPFRAGMENTER_HH
#define NETSERV_IPFRAGMENTER_HH
#include <click/element.hh>
CLICK_DECLS
/*
=c
IPFragmenter(MTU [, I<keywords> HONOR_DF, VERBOSE, HEADROOM])
=s ip
fragments large IP packets
=d
Expects IP packets (IP header annotation set). A packet of at most MTU bytes
goes to output 0 unchanged. A longer one is split into fragments of at most
MTU bytes (RFC 791: payload in multiples of 8 bytes, options without the copy
bit only in the first fragment, checksums recomputed, annotations copied),
sent in order to output 0 — unless its Don't Fragment bit is set, when it goes
to output 1 (for ICMPError(unreachable, needfrag)) or is dropped.
=k
=item HONOR_DF
Boolean. If false, fragment DF packets anyway. Default true.
=item VERBOSE
Boolean. Print a message on each DF packet sent to output 1. Default false.
=item HEADROOM
Headroom of each fragment (bytes). Default 64 ... Ethernet and more.
=h drops read-only
Packets sent to output 1 (or dropped) because of DF.
=h fragments read-only
Fragments emitted.
=a ICMPError, IPReassembler, CheckLength
*/
class IPFragmenter : public Element {
 public:
  const char* class_name() const override { return "IPFragmenter"; }
  const char* port_count() const override { return PORTS_1_1X2; }
  const char* processing() const override { return PUSH; }
  int configure(Vector<String>& conf, ErrorHandler* errh) override;
  void add_handlers() override;
  void push(int, Packet* p) override;
 private:
  uint32_t mtu_ = 0, headroom_ = 64;
  bool honor_df_ = true, verbose_ = false;
  uint64_t drops_ = 0, fragments_ = 0;
  void fragment(Packet* p);
};
CLICK_ENDDECLS
#endif
