// -*- c++ -*-
#ifndef NETSERV_UDPIPENCAP_HH
#define NETSERV_UDPIPENCAP_HH
#include <click/element.hh>
CLICK_DECLS
/*
=c
UDPIPEncap(SRC, SPORT, DST, DPORT [, CHECKSUM])
=s udp
encapsulates packets in static UDP/IP headers
=d
Puts a UDP header (ports SPORT, DPORT: numbers, PortInfo or /etc/services names) and an
IP header (source SRC, destination DST, TTL 250, a fresh IP ID per packet)
in front of each packet, and sets the IP header and destination address
annotations. CHECKSUM (default true) computes the UDP checksum.
=h src read/write
=h dst read/write
=h sport read/write
=h dport read/write
=a UDPIPEncap, StripIPHeader, ICMPIPEncap
*/
class UDPIPEncap : public Element {
 public:
  const char* class_name() const override { return "UDPIPEncap"; }
  const char* port_count() const override { return PORTS_1_1; }
  int configure(Vector<String>& conf, ErrorHandler* errh) override;
  void add_handlers() override;
  Packet* simple_action(Packet* p) override;
 private:
  IPAddress src_, dst_;
  uint16_t sport_ = 0, dport_ = 0, id_ = 0;
  bool checksum_ = true;
};
CLICK_ENDDECLS
#endif
