// -*- c++ -*-
#ifndef NETSERV_FIXIPSRC_HH
#define NETSERV_FIXIPSRC_HH
#include <click/element.hh>
#include <click/checksum.hh>
#include <arpa/inet.h>
#include <cstring>
CLICK_DECLS
/*
=c

FixIPSrc(IPADDR)

=s ip

sets IP source field if requested by annotation

=d

Expects an IP packet as input. If its Fix IP Source annotation is set, then
changes its IP source address field to IPADDR and recomputes the checksum.
Used by ICMPError and the like (their SET_FIX_ANNO keyword). Also clears the
Fix IP Source annotation.

=a ICMPError
*/
class FixIPSrc : public Element {
 public:
  const char* class_name() const override { return "FixIPSrc"; }
  const char* port_count() const override { return PORTS_1_1; }
  int configure(Vector<String>& conf, ErrorHandler* errh) override {
    return Args(conf, this, errh).read_mp("IPADDR", addr_).complete();
  }
  Packet* simple_action(Packet* p) override;
 private:
  IPAddress addr_;
};
CLICK_ENDDECLS
#endif
