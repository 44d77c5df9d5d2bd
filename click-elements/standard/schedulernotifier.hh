// -*- c++ -*-
// Empty notification through a pull element with several inputs (the
// schedulers, PullSwitch): it may have packets while any upstream storage
// does, and a sleeping puller is woken by any of them. Inputs without a
// notifier count as always active (pullers then poll, as before).
#ifndef NETSERV_SCHEDULERNOTIFIER_HH
#define NETSERV_SCHEDULERNOTIFIER_HH
#include <click/element.hh>
#include <cstring>
CLICK_DECLS
class SchedulerNotifier : public Element, public EmptyNotifier {
 public:
  void* cast(const char* n) override {
    if (strcmp(n, "EmptyNotifier") == 0) return static_cast<EmptyNotifier*>(this);
    return Element::cast(n);
  }
  bool notifier_active() const override {
    for (int i = 0; i < ninputs(); ++i) {
      if (!watched(i)) continue;
      EmptyNotifier* n = upstream_notifier(this, i);
      if (!n || n->notifier_active()) return true;
    }
    return false;
  }
  void add_listener(Task* t) override {
    for (int i = 0; i < ninputs(); ++i)
      if (EmptyNotifier* n = upstream_notifier(this, i)) n->add_listener(t);
  }
 protected:
  /** Inputs that can deliver now (PullSwitch: only the selected one). */
  virtual bool watched(int) const { return true; }
};
CLICK_ENDDECLS
#endif
