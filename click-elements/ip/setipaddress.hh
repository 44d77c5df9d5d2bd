// -*- c++ -*-
#ifndef NETSERV_SETIPADDRESS_HH
#define NETSERV_SETIPADDRESS_HH
#include <click/element.hh>

CLICK_DECLS
/*
=c

SetIPAddress(IPADDR [, I<keywords> ANNO])

=s ip

sets destination IP address annotations

=d

Set the destination IP address annotation of incoming packets to the static
IP address IPADDR (or the annotation at byte offset ANNO).

=h addr read/write

The IPADDR parameter.

=a StoreIPAddress, GetIPAddress
*/
class SetIPAddress : public Element {
 public:
  const char* class_name() const override { return "SetIPAddress"; }
  const char* port_count() const override { return PORTS_1_1; }
  int configure(Vector<String>& conf, ErrorHandler* errh) override {
    return Args(conf, this, errh).read_mp("IPADDR", addr_).read("ANNO", anno_).complete();
  }
  void add_handlers() override { add_data_handlers("addr", Handler::f_read | Handler::f_write, &addr_); }
  Packet* simple_action(Packet* p) override { p->set_anno_u32(anno_, addr_.addr()); return p; }
 private:
  IPAddress addr_;
  int anno_ = DST_IP_ANNO_OFFSET;
};
CLICK_ENDDECLS
#endif
