// -*- c++ -*-
#ifndef NETSERV_SIMPLEPULLSWITCH_HH
#define NETSERV_SIMPLEPULLSWITCH_HH
#include <click/element.hh>
CLICK_DECLS
/*
=c
SimplePullSwitch([K])
=s scheduling
forwards pull requests to settable input, without notification
=d
Each pull on the output is passed to input K (default 0); K -1 (or out of range) pulls nothing. Unlike PullSwitch it keeps no empty notification of its own: pullers downstream see the notifiers upstream of it.
=h switch read/write
K; writing it selects another input.
=a PullSwitch, StaticPullSwitch
*/
class SimplePullSwitch : public Element {
 public:
  const char* class_name() const override { return "SimplePullSwitch"; }
  const char* port_count() const override { return "-/1"; }
  const char* processing() const override { return PULL; }
  int configure(Vector<String>& conf, ErrorHandler* errh) override;
  void add_handlers() override;
  Packet* pull(int) override { return k_ >= 0 && k_ < ninputs() ? input(k_).pull() : nullptr; }

 private:
  int k_ = 0;
};
CLICK_ENDDECLS
#endif
