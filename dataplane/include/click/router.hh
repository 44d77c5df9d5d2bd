// -*- c++ -*-
// Router: one running configuration — the element graph, its handlers, and
// its Driver (tasks round-robin, timers on a heap, fd readiness via epoll),
// modelled on Click's Router + Master in a single thread. Building follows
// Click's phases: instantiate -> Hookup (port counts, push/pull, wiring;
// src/hookup.hh) -> configure (by configure_phase) -> add_handlers ->
// initialize. Handlers live in a HandlerRegistry; the driver calls below
// forward to driver().
//
//   ErrorHandler* errh = ErrorHandler::default_handler();
//   auto r = Router::make(text, "conf.click", {{"VAR", "value"}}, errh);
//   if (!r) return 1;                     // errors already reported
//   r->run();                             // until the configuration stops
//   String v; r->handler_read("c.count", v, errh);
//
// Handler names: "elem.handler" for element handlers (elem may contain '/'
// for compound members), a bare name for global handlers (version, list,
// classes, config, flatconfig, stop, ...).
#ifndef NETSERV_CLICK_ROUTER_HH
#define NETSERV_CLICK_ROUTER_HH
#include <click/element.hh>
#include <click/driver.hh>
#include <click/handlerregistry.hh>
#include <click/task.hh>
#include <click/timer.hh>
#include <map>
#include <memory>
CLICK_DECLS

struct FlatConfig;

class Router {
 public:
  ~Router();
  Router(const Router&) = delete;
  Router& operator=(const Router&) = delete;

  /** Parses, instantiates, configures and initializes a router. On failure
   *  reports Click-style errors to errh and returns null. */
  static std::unique_ptr<Router> make(const String& text, const String& filename,
                                      const std::map<String, String>& defines, ErrorHandler* errh);

  // ---- elements ----
  int nelements() const { return int(elements_.size()); }
  Element* element(int i) const { return elements_[i].get(); }
  /** Finds an element by name, relative to a compound context ("a/b/") like
   *  Click: tries "a/b/NAME", then "a/NAME", then "NAME". */
  Element* find(const String& name, const String& context = String()) const;
  struct Connection { int from, from_port, to, to_port; };
  const Vector<Connection>& connections() const { return connections_; }

  // ---- driver ----
  Driver& driver() { return driver_; }
  const Driver& driver() const { return driver_; }
  /** Runs until the stop condition (runcount <= 0 with no stop hook
   *  objecting, or a "stop" write), then the on_stop functions. */
  void run();
  /** One iteration: timers, up to Driver::TASK_BUDGET task runs, and an epoll
   *  wait (not blocking when `block` is false). Returns false once stopped. */
  bool run_once(bool block) { return driver_.run_once(block); }
  /** A source says "I am done" (Click's please_stop_driver: runcount - 1). */
  void please_stop_driver() { driver_.adjust_runcount(-1); }
  void adjust_runcount(int delta) { driver_.adjust_runcount(delta); }
  void set_runcount(int x) { driver_.set_runcount(x); }
  int runcount() const { return driver_.runcount(); }
  bool stopped() const { return driver_.stopped(); }
  /** Stops immediately, regardless of DriverManager. */
  void stop_now() { driver_.stop_now(); }
  /** DriverManager-style hook, called when runcount drops to <= 0. Returning
   *  true means "keep running" (the hook has reset the runcount). */
  void set_stop_hook(std::function<bool()> hook) { driver_.set_stop_hook(std::move(hook)); }

  // ---- handlers ----
  /** Finds a handler; e null means a global handler. */
  const Handler* handler(const Element* e, const String& name) const { return handlers_.find(e, name); }
  /** Splits "elem.handler" (shortest prefix naming an element, looked up
   *  relative to the compound `context` as find() does) or a global name. */
  int resolve_handler(const String& fullname, Element*& e, const Handler*& h, ErrorHandler* errh,
                      const String& context = String()) const;
  /** Calls a read handler; returns 0 and the value, or a negative errno with
   *  a message in errh ("no element named 'x'", "no handler 'x.y'", "'x.y' is write-only"). */
  int handler_read(const String& fullname, String& value, ErrorHandler* errh, const String& param = String());
  int handler_write(const String& fullname, const String& value, ErrorHandler* errh);
  /** Handler names of an element (or globals when e is null), in definition order. */
  Vector<const Handler*> handlers_of(const Element* e) const { return handlers_.handlers_of(e); }
  void add_handler(const Element* e, Handler h) { handlers_.add(e, std::move(h)); }
  void add_global_read_handler(const String& name, std::function<String()> read);

  /** The configuration text as given / flattened (Click's "config", "flatconfig"). */
  const String& config_text() const { return config_text_; }
  String flatconfig() const;
  String element_ports_description(const Element* e) const;  // the "ports" handler

  // ---- scheduling internals (used by Task, Timer, Element::add_select) ----
  void schedule_task(Task* t) { driver_.schedule_task(t); }
  void unschedule_task(Task* t) { driver_.unschedule_task(t); }
  void schedule_timer(Timer* t) { driver_.schedule_timer(t); }
  void unschedule_timer(Timer* t) { driver_.unschedule_timer(t); }
  int add_select(int fd, Element* e, int mask) { return driver_.add_select(fd, e, mask); }
  int remove_select(int fd, Element* e, int mask) { return driver_.remove_select(fd, e, mask); }

  /** Registers a function run after the driver stops, before cleanup. */
  void on_stop(std::function<void()> fn) { on_stop_.push_back(std::move(fn)); }

 private:
  Router();
  int build(const FlatConfig& fc, ErrorHandler* errh);
  int instantiate(const FlatConfig& fc, ErrorHandler* errh);
  Vector<int> configure_order() const;
  int configure_elements(const Vector<int>& order, ErrorHandler* errh);
  int initialize_elements(const Vector<int>& order, ErrorHandler* errh);
  void add_default_handlers();
  void add_element_default_handlers(Element* e);

  Vector<std::unique_ptr<Element>> elements_;
  std::map<String, int> element_index_;
  Vector<Connection> connections_;
  Vector<String> element_classes_;
  HandlerRegistry handlers_;
  String config_text_;
  String filename_;
  bool initialized_ = false;
  Vector<std::function<void()>> on_stop_;
  Driver driver_;   // ~Router destroys the elements (which may remove selects) while it still exists
};

CLICK_ENDDECLS
#endif
