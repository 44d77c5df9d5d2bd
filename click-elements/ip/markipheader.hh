// -*- c++ -*-
#ifndef NETSERV_MARKIPHEADER_HH
#define NETSERV_MARKIPHEADER_HH
#include <click/element.hh>

CLICK_DECLS
/*
=c

MarkIPHeader([OFFSET])

=s ip

sets IP header annotation

=d

Marks packets as IP packets by setting the IP Header annotation. The IP
header starts OFFSET bytes into the packet. Default OFFSET is 0. Does not
check length fields for sanity, shorten packets to the IP length, or set the
destination IP address annotation. Use CheckIPHeader or CheckIPHeader2 for
that.

=a CheckIPHeader, CheckIPHeader2, StripIPHeader
*/
class MarkIPHeader : public Element {
 public:
  const char* class_name() const override { return "MarkIPHeader"; }
  const char* port_count() const override { return PORTS_1_1; }
  int configure(Vector<String>& conf, ErrorHandler* errh) override {
    return Args(conf, this, errh).read_p("OFFSET", offset_).complete();
  }
  Packet* simple_action(Packet* p) override {
    if (p->length() < offset_ + 1) { p->set_network_header(p->data() + offset_ > p->end_data() ? p->end_data() : p->data() + offset_, 0); return p; }
    const click_ip* ip = reinterpret_cast<const click_ip*>(p->data() + offset_);
    p->set_ip_header(ip, ip->ip_hl << 2);
    return p;
  }
 private:
  uint32_t offset_ = 0;
};
CLICK_ENDDECLS
#endif
