// -*- c++ -*-
#ifndef NETSERV_MARKIPCE_HH
#define NETSERV_MARKIPCE_HH
#include <click/element.hh>
CLICK_DECLS
/*
=c
MarkIPCE([I<keyword> FORCE])
=s ip
sets IP packets' ECN field to Congestion Experienced
=d
Expects IP packets (IP header annotation set). Packets of an ECN-capable
transport (ECN field ECT(0) or ECT(1)) get the CE codepoint and a new header
checksum; packets already marked CE pass unchanged; packets that are not
ECN-capable are dropped — unless FORCE is true, when they are marked too.
=k
=item FORCE
Boolean. Mark packets that are not ECN-capable instead of dropping them. Default false.
=h drops read-only
Packets dropped.
=a SetIPECN, RED
*/
class MarkIPCE : public Element {
 public:
  const char* class_name() const override { return "MarkIPCE"; }
  const char* port_count() const override { return PORTS_1_1; }
  int configure(Vector<String>& conf, ErrorHandler* errh) override;
  void add_handlers() override;
  Packet* simple_action(Packet* p) override;
 private:
  bool force_ = false;
  uint64_t drops_ = 0;
};
CLICK_ENDDECLS
#endif
