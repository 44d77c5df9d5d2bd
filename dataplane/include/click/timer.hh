// -*- c++ -*-
// Timer: one-shot callback at a point in (steady) time, as Click's
// <click/timer.hh>. Owner's Element::run_timer(Timer*) is called unless a
// function was given. schedule_after_msec etc. re-arm; unschedule() cancels.
#ifndef NETSERV_CLICK_TIMER_HH
#define NETSERV_CLICK_TIMER_HH
#include <click/glue.hh>
#include <functional>
CLICK_DECLS
class Element;
class Router;

class Timer {
 public:
  Timer() {}
  explicit Timer(Element* owner) : owner_(owner) {}
  explicit Timer(std::function<void(Timer*)> fn) : fn_(std::move(fn)) {}
  ~Timer();
  Timer(const Timer&) = delete;
  Timer& operator=(const Timer&) = delete;

  void initialize(Element* owner, bool quiet = false);
  void initialize(Router* router);
  void assign(Element* owner) { owner_ = owner; }
  bool initialized() const { return router_ != nullptr; }
  bool scheduled() const { return heap_index_ >= 0; }
  /** Expiry time (steady clock). */
  const Timestamp& expiry() const { return expiry_; }
  Timestamp expiry_steady() const { return expiry_; }

  void schedule_at(const Timestamp& when);
  void schedule_at_steady(const Timestamp& when) { schedule_at(when); }
  void schedule_after(const Timestamp& delta);
  void schedule_after_sec(uint32_t s) { schedule_after(Timestamp::make_sec(s)); }
  void schedule_after_msec(uint32_t ms) { schedule_after(Timestamp::make_msec(ms)); }
  void schedule_now() { schedule_after(Timestamp()); }
  /** Reschedules relative to the previous expiry (drift-free periodic timers). */
  void reschedule_after(const Timestamp& delta) { schedule_at(expiry_ + delta); }
  void reschedule_after_sec(uint32_t s) { reschedule_after(Timestamp::make_sec(s)); }
  void reschedule_after_msec(uint32_t ms) { reschedule_after(Timestamp::make_msec(ms)); }
  void unschedule();
  void clear() { unschedule(); }
  Element* element() const { return owner_; }

  /** Called by the driver. */
  void fire();

 private:
  Element* owner_ = nullptr;
  std::function<void(Timer*)> fn_;
  Router* router_ = nullptr;
  Timestamp expiry_;
  int heap_index_ = -1;
  friend class Driver;
};

CLICK_ENDDECLS
#endif
