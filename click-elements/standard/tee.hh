// -*- c++ -*-
#ifndef NETSERV_TEE_HH
#define NETSERV_TEE_HH
#include <click/element.hh>

CLICK_DECLS
/*
=c

Tee([N])

=s basictransfer

duplicates packets

=d

Tee sends a copy of each incoming packet out each output. The last output
gets the original packet, the others clones that share its data.

Tee has one push input and N push outputs; if N is given it must match the
number of outputs used.

=a PullTee
*/
class Tee : public Element {
 public:
  const char* class_name() const override { return "Tee"; }
  const char* port_count() const override { return "1/1-"; }
  const char* processing() const override { return PUSH; }
  int configure(Vector<String>& conf, ErrorHandler* errh) override;
  void push(int, Packet* p) override;
};
CLICK_ENDDECLS
#endif
