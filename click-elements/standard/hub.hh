// -*- c++ -*-
#ifndef NETSERV_HUB_HH
#define NETSERV_HUB_HH
#include <click/element.hh>
CLICK_DECLS
/*
=c

Hub()

=s basictransfer

duplicates packets like a hub

=d

Hub has N push inputs and N push outputs. A packet arriving on input I is
sent out every output except output I (in order; the last gets the original
packet, the others clones), like a broadcast medium where a station does not
hear itself.

=a Tee
*/
class Hub : public Element {
 public:
  const char* class_name() const override { return "Hub"; }
  const char* port_count() const override { return "-/="; }
  const char* processing() const override { return PUSH; }
  void push(int port, Packet* p) override;
};
CLICK_ENDDECLS
#endif
