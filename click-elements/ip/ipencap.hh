// -*- c++ -*-
#ifndef NETSERV_IPENCAP_HH
#define NETSERV_IPENCAP_HH
#include <click/element.hh>
#include <clicknet/ip.h>
CLICK_DECLS
/*
=c

IPEncap(PROTO, SRC, DST, I<keywords> TOS, TTL, DSCP, ECT, CE, DF)

=s ip

encapsulates packets in static IP header

=d

Prepends a 20-byte IP header: protocol PROTO (a number or name such as "tcp",
"udp", "icmp"), source SRC, destination DST (an address, or DST_ANNO for each
packet's destination annotation). TTL defaults to 250, TOS to 0; the IP ID
counts up from 0. Sets the destination IP annotation (unless DST_ANNO) and the
IP header pointer.

=k

=item TOS

Byte. The TOS field. Not with DSCP, ECT or CE.

=item DSCP

The DSCP (0-62) in the TOS field's upper six bits.

=item ECT

Boolean or "2": sets ECN capable transport (ECT(1), or ECT(0) for "2").

=item CE

Boolean: sets ECN congestion experienced.

=item TTL

Byte. Default 250.

=item DF

Boolean: sets the don't-fragment bit.

=h src read-only

The source address.

=h dst read-only

The destination address, or "DST_ANNO".

=a UDPIPEncap, ICMPIPEncap, StripIPHeader
*/
class IPEncap : public Element {
 public:
  const char* class_name() const override { return "IPEncap"; }
  const char* port_count() const override { return PORTS_1_1; }
  int configure(Vector<String>& conf, ErrorHandler* errh) override;
  int initialize(ErrorHandler*) override { id_ = 0; return 0; }
  void add_handlers() override;
  Packet* simple_action(Packet* p) override;
 private:
  click_ip header_{};        // template; ip_len, ip_id zero, checksum of the rest
  bool use_dst_anno_ = false;
  uint16_t id_ = 0;
};
CLICK_ENDDECLS
#endif
