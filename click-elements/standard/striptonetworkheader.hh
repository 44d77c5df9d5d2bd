// -*- c++ -*-
#ifndef NETSERV_STRIPTONETWORKHEADER_HH
#define NETSERV_STRIPTONETWORKHEADER_HH
#include <click/element.hh>
CLICK_DECLS
/*
=c
StripToNetworkHeader()
=s basicmod
strips everything preceding network header
=d
Removes the bytes in front of the network header (the link-level header);
packets without a network header annotation pass unchanged.
=a Strip, MarkIPHeader, CheckIPHeader
*/
class StripToNetworkHeader : public Element {
 public:
  const char* class_name() const override { return "StripToNetworkHeader"; }
  const char* port_count() const override { return PORTS_1_1; }
  Packet* simple_action(Packet* p) override {
    if (p->has_network_header() && p->network_header_offset() > 0) p->pull(p->network_header_offset());
    return p;
  }
};
CLICK_ENDDECLS
#endif
