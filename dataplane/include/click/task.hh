// -*- c++ -*-
// Task: a unit of repeated work run by the driver, as Click's <click/task.hh>.
// An element owns a Task(this), calls ScheduleInfo::initialize_task or
// task.initialize(this, true) in initialize(), and does its work in
// Element::run_task(Task*) (return true if it did something). A task stays
// scheduled until unschedule(); fast_reschedule()/reschedule() re-arm it.
// Tasks run round-robin; the driver sleeps in epoll only when no task is
// scheduled.
#ifndef NETSERV_CLICK_TASK_HH
#define NETSERV_CLICK_TASK_HH
#include <click/glue.hh>
#include <functional>
CLICK_DECLS
class Element;
class Router;

class Task {
 public:
  enum { DEFAULT_TICKETS = 1024, MAX_TICKETS = 32768 };
  explicit Task(Element* owner) : owner_(owner) {}
  /** Task calling a function instead of owner->run_task. */
  Task(std::function<bool(Task*)> fn, Element* owner) : owner_(owner), fn_(std::move(fn)) {}
  ~Task();
  Task(const Task&) = delete;
  Task& operator=(const Task&) = delete;

  /** Binds the task to the owner's router; schedules it if `schedule`. */
  void initialize(Element* owner, bool schedule);
  void initialize(Router* router, bool schedule);
  bool initialized() const { return router_ != nullptr; }
  bool scheduled() const { return scheduled_; }
  void reschedule();
  void fast_reschedule() { reschedule(); }
  void unschedule();
  void strong_unschedule() { unschedule(); }
  void strong_reschedule() { reschedule(); }
  int tickets() const { return tickets_; }
  void set_tickets(int t) { tickets_ = t; }
  Element* element() const { return owner_; }
  Router* router() const { return router_; }
  int home_thread_id() const { return 0; }

  /** Called by the driver. */
  bool fire();

 private:
  Element* owner_;
  std::function<bool(Task*)> fn_;
  Router* router_ = nullptr;
  bool scheduled_ = false;
  int tickets_ = DEFAULT_TICKETS;
  Task* prev_ = nullptr;   // in the router's run list when scheduled
  Task* next_ = nullptr;
  friend class Driver;
};

CLICK_ENDDECLS
#endif
