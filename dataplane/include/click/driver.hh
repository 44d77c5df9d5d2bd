// -*- c++ -*-
// Driver: the single-threaded scheduler of a running router, as Click's
// Master + RouterThread: a round-robin ring of scheduled Tasks, a binary heap
// of Timers, and fd readiness through epoll. The Router owns one and forwards
// its driver calls to it; Task, Timer and Element::add_select reach it through
// their router.
//
//   driver.run_once(true);   // timers due -> up to 128 task runs -> epoll wait
//
// Time: every driver decision about "now" (timer expiry, the epoll timeout,
// Timer::schedule_after) goes through now(), so a simulated clock replaces
// exactly one function. Stop rule: runcount <= 0 (Click's please_stop_driver)
// unless the stop hook (DriverManager) objects; a driver with nothing that can
// ever fire again (no task, timer or fd) stops instead of sleeping forever.
#ifndef NETSERV_CLICK_DRIVER_HH
#define NETSERV_CLICK_DRIVER_HH
#include <click/glue.hh>
#include <functional>
#include <map>
CLICK_DECLS
class Element;
class Task;
class Timer;

class Driver {
 public:
  /** Task runs per iteration before timers and fds get their turn. */
  enum { TASK_BUDGET = 128 };

  Driver() = default;
  ~Driver();
  Driver(const Driver&) = delete;
  Driver& operator=(const Driver&) = delete;

  /** The driver's clock (steady time); the one place the driver reads "now". */
  Timestamp now() const;

  // ---- stop rule ----
  void adjust_runcount(int delta);
  void set_runcount(int x) { runcount_ = x; adjust_runcount(0); }
  int runcount() const { return runcount_; }
  bool stopped() const { return stopped_; }
  void stop_now() { stopped_ = true; }
  /** Called when runcount drops to <= 0; returning true keeps the driver running. */
  void set_stop_hook(std::function<bool()> hook) { stop_hook_ = std::move(hook); }

  // ---- the loop ----
  /** One iteration: due timers, up to TASK_BUDGET task runs, an epoll wait
   *  (blocking only when `block` and no task is scheduled). False once stopped. */
  bool run_once(bool block);
  void run() { while (run_once(true)) {} }

  // ---- tasks: circular run list, a task stays scheduled until it unschedules ----
  void schedule_task(Task* t);
  void unschedule_task(Task* t);
  bool has_tasks() const { return task_head_ != nullptr; }
  bool run_tasks(int budget);

  // ---- timers: binary heap by expiry ----
  void schedule_timer(Timer* t);
  void unschedule_timer(Timer* t);
  void fire_timers();

  // ---- fd readiness ----
  int add_select(int fd, Element* e, int mask);
  int remove_select(int fd, Element* e, int mask);

  /** Forgets every task and timer without touching them (their owners are
   *  about to be destroyed). */
  void detach_all();

 private:
  int wait_timeout(bool block);
  void wait_and_dispatch(int timeout_ms);
  void sift_timer_up(int i);
  void sift_timer_down(int i);
  void swap_timers(int a, int b);

  int runcount_ = 1;
  bool stopped_ = false;
  std::function<bool()> stop_hook_;
  Task* task_head_ = nullptr;
  Task* task_cursor_ = nullptr;
  Vector<Timer*> timer_heap_;
  int epfd_ = -1;
  struct SelectEntry { Element* read = nullptr; Element* write = nullptr; uint32_t mask = 0; };
  std::map<int, SelectEntry> selects_;
};

CLICK_ENDDECLS
#endif
