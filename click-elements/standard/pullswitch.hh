// -*- c++ -*-
#ifndef NETSERV_PULLSWITCH_HH
#define NETSERV_PULLSWITCH_HH
#include "schedulernotifier.hh"
CLICK_DECLS
/*
=c
PullSwitch([K])
=s scheduling
forwards pull requests to settable input
=d
Pulls come from input K only (default 0); K -1 means no input (pulls return
nothing). Pullers downstream sleep while input K's storage is empty.
=h switch read/write
K; writing it moves pulls to another input (and wakes sleeping pullers
there).
=a StaticPullSwitch, PrioSched, Switch
*/
class PullSwitch : public SchedulerNotifier {
 public:
  const char* class_name() const override { return "PullSwitch"; }
  const char* port_count() const override { return "-/1"; }
  const char* processing() const override { return PULL; }
  int configure(Vector<String>& conf, ErrorHandler* errh) override;
  void add_handlers() override;
  Packet* pull(int) override;
  void add_listener(Task* t) override { listeners_.push_back(t); SchedulerNotifier::add_listener(t); }
  // As Click's: its own signal, on at start with an input selected, updated by
  // each pull (off when the selected input gave nothing and is empty) and by switching.
  bool notifier_active() const override { return active_; }
 protected:
  bool watched(int i) const override { return i == k_; }
 private:
  int k_ = 0;
  bool active_ = true;
  bool selected_active() const;
  Vector<Task*> listeners_;
};
CLICK_ENDDECLS
#endif
