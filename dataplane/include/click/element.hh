// -*- c++ -*-
// Element: the base class of every netserv-click element, modelled on Click's
// <click/element.hh> so Click element code ports with few edits.
//
// Writing an element (see click-elements/README.md):
//
//   class Counter : public Element {
//    public:
//     const char* class_name() const override { return "Counter"; }
//     const char* port_count() const override { return PORTS_1_1; }
//     const char* processing() const override { return AGNOSTIC; }   // default
//     int configure(Vector<String>& conf, ErrorHandler* errh) override;
//     void add_handlers() override;
//     Packet* simple_action(Packet* p) override;  // push and pull both work
//   };
//   EXPORT_ELEMENT(Counter)        // in counter.cc: registers the class name
//
// Port counts use Click's syntax: "1/1", "0/1", "1/-" (any number of
// outputs), "1/1-2", "-/=" (as many outputs as inputs), "1-2/0". Processing
// codes use Click's syntax: PUSH "h", PULL "l", AGNOSTIC "a", and per-port
// lists like "h/l" (all inputs push, all outputs pull), "a/ah" (first output
// agnostic, rest push). Agnostic ports are resolved like Click: an agnostic
// port connected to a push port becomes push, to a pull port becomes pull,
// and a flow code (default "x/x": every input flows to every output) ties an
// element's agnostic inputs and outputs together.
//
// Life cycle: construct -> configure() (in configure_phase() order) ->
// add_handlers() -> initialize() (all elements; any failure aborts) ->
// tasks/timers/selects run -> cleanup(stage) -> destruct.
#ifndef NETSERV_CLICK_ELEMENT_HH
#define NETSERV_CLICK_ELEMENT_HH
#include <click/glue.hh>
#include <click/packet.hh>
#include <click/error.hh>
#include <functional>
CLICK_DECLS

class Router;
class Hookup;
class Task;
class Timer;
class Element;

/** Read handler: returns the handler's text. user_data is the value given to
 *  add_read_handler (an int or pointer, Click style). */
typedef String (*ReadHandlerCallback)(Element* e, void* user_data);
/** Write handler: returns 0 on success, negative (after errh->error) on failure. */
typedef int (*WriteHandlerCallback)(const String& data, Element* e, void* user_data, ErrorHandler* errh);

/** One handler of an element (or a global handler when element is null). */
struct Handler {
  enum Flags : uint32_t {
    f_read = 1, f_write = 2,
    f_read_param = 4,      // read handler takes a parameter (READ name param)
    f_raw = 8,             // value is returned as-is (no newline added by -h)
    f_calm = 16,           // do not list in "handlers" by default? (kept for Click compatibility)
    f_expensive = 32,
    f_button = 64,         // write handler ignores its data
    f_checkbox = 128,      // boolean read/write
  };
  String name;
  std::function<String(Element*, const String& param, ErrorHandler*)> read;
  std::function<int(const String&, Element*, ErrorHandler*)> write;
  uint32_t flags = 0;
  bool readable() const { return bool(read); }
  bool writable() const { return bool(write); }
};

class Element {
 public:
  // Port count and processing shorthands, exactly Click's strings.
  static const char PORTS_0_0[], PORTS_0_1[], PORTS_1_0[], PORTS_1_1[], PORTS_1_1X2[];
  static const char AGNOSTIC[], PUSH[], PULL[], PUSH_TO_PULL[], PULL_TO_PUSH[], PROCESSING_A_AH[];
  static const char COMPLETE_FLOW[];

  enum { CONFIGURE_PHASE_FIRST = 0, CONFIGURE_PHASE_INFO = 20, CONFIGURE_PHASE_PRIVILEGED = 90,
         CONFIGURE_PHASE_DEFAULT = 100, CONFIGURE_PHASE_LAST = 2000 };
  enum CleanupStage { CLEANUP_NO_ROUTER, CLEANUP_BEFORE_CONFIGURE, CLEANUP_CONFIGURE_FAILED,
                      CLEANUP_CONFIGURED, CLEANUP_INITIALIZE_FAILED, CLEANUP_INITIALIZED,
                      CLEANUP_ROUTER_INITIALIZED, CLEANUP_MANUAL };
  enum { SELECT_READ = 1, SELECT_WRITE = 2 };

  Element();
  virtual ~Element();

  // ---- what the element is ----
  virtual const char* class_name() const = 0;
  virtual const char* port_count() const { return PORTS_0_0; }
  virtual const char* processing() const { return AGNOSTIC; }
  virtual const char* flow_code() const { return COMPLETE_FLOW; }
  virtual const char* flags() const { return ""; }
  virtual void* cast(const char* name);

  // ---- life cycle ----
  virtual int configure_phase() const { return CONFIGURE_PHASE_DEFAULT; }
  virtual int configure(Vector<String>& conf, ErrorHandler* errh);
  virtual void add_handlers() {}
  virtual int initialize(ErrorHandler*) { return 0; }
  virtual void cleanup(CleanupStage) {}
  /** Live reconfiguration through the "config" write handler. */
  virtual bool can_live_reconfigure() const { return false; }
  virtual int live_reconfigure(Vector<String>& conf, ErrorHandler* errh);

  // ---- packet processing ----
  /** Push input: default calls simple_action and pushes the result to output 0
   *  (or, when it returns null, assumes the packet was killed/handled). */
  virtual void push(int port, Packet* p);
  /** Pull output: default pulls input 0 and applies simple_action. */
  virtual Packet* pull(int port);
  virtual Packet* simple_action(Packet* p) { return p; }

  // ---- scheduling callbacks ----
  virtual bool run_task(Task* task);    // returns true if it did useful work
  virtual void run_timer(Timer* timer);
  /** I/O readiness for fds registered with add_select(). mask: SELECT_READ|SELECT_WRITE. */
  virtual void selected(int fd, int mask);

  // ---- ports ----
  class Port {
   public:
    /** Hands p to the connected element (push ports). Unconnected: kills p. */
    inline void push(Packet* p) const;
    /** Asks the connected element for a packet (pull ports). Unconnected: null. */
    inline Packet* pull() const;
    bool active() const { return active_; }
    Element* element() const { return e_; }
    int port() const { return port_; }
   private:
    Element* e_ = nullptr;   // peer
    int port_ = -1;          // peer's port
    bool active_ = false;    // push output or pull input (the side that calls)
    friend class Hookup;
    friend class Element;
  };
  int ninputs() const { return int(inputs_.size()); }
  int noutputs() const { return int(outputs_.size()); }
  const Port& input(int i) const { return inputs_[i]; }
  const Port& output(int o) const { return outputs_[o]; }
  bool input_is_push(int i) const { return input_push_[i]; }
  bool input_is_pull(int i) const { return !input_push_[i]; }
  bool output_is_push(int o) const { return output_push_[o]; }
  bool output_is_pull(int o) const { return !output_push_[o]; }
  /** Pushes to output o if it exists, else kills p. */
  void checked_output_push(int o, Packet* p) const {
    if (unsigned(o) < unsigned(outputs_.size())) outputs_[o].push(p); else p->kill();
  }

  // ---- identity ----
  Router* router() const { return router_; }
  int eindex() const { return eindex_; }
  const String& name() const { return name_; }
  /** "name :: Class" */
  String declaration() const;
  /** "file:line" where the element was declared. */
  const String& landmark() const { return landmark_; }
  /** The configuration string as written (after variable substitution). */
  const String& configuration() const { return config_; }
  void set_configuration(const String& c) { config_ = c; }
  /** Element::name() prefix for compound-relative lookups ("a/b/" for "a/b/c"). */
  String compound_prefix() const;

  // ---- handlers ----
  void add_read_handler(const String& name, ReadHandlerCallback cb, int user_data = 0, uint32_t flags = 0);
  void add_read_handler(const String& name, ReadHandlerCallback cb, const void* user_data, uint32_t flags = 0);
  void add_write_handler(const String& name, WriteHandlerCallback cb, int user_data = 0, uint32_t flags = 0);
  void add_write_handler(const String& name, WriteHandlerCallback cb, const void* user_data, uint32_t flags = 0);
  /** Modern form: lambdas. */
  void add_read_handler(const String& name, std::function<String()> read, uint32_t flags = 0);
  void add_write_handler(const String& name, std::function<int(const String&, ErrorHandler*)> write, uint32_t flags = 0);
  /** Read handler that takes a parameter ("READ elem.h PARAM"). */
  void add_read_param_handler(const String& name, std::function<String(const String& param, ErrorHandler*)> read, uint32_t flags = 0);
  /** Data handlers: read and/or write a member directly (bool, integers, String, IPAddress...). */
  template <typename T> void add_data_handlers(const String& name, uint32_t rw_flags, T* data);
  /** Adds Click's "scheduled", "tickets", "home_thread" style handlers for a task. */
  void add_task_handlers(Task* task, const String& prefix = String());

  // ---- I/O readiness (driver's epoll loop) ----
  int add_select(int fd, int mask);
  int remove_select(int fd, int mask);

  // set by Router during construction
  void attach_router(Router* r, int eindex, const String& name, const String& landmark) {
    router_ = r; eindex_ = eindex; name_ = name; landmark_ = landmark;
  }

 private:
  Router* router_ = nullptr;
  int eindex_ = -1;
  String name_;
  String landmark_;
  String config_;
  Vector<Port> inputs_;
  Vector<Port> outputs_;
  Vector<bool> input_push_;
  Vector<bool> output_push_;
  friend class Hookup;
};

inline void Element::Port::push(Packet* p) const {
  if (likely(e_ != nullptr)) e_->push(port_, p); else p->kill();
}
inline Packet* Element::Port::pull() const {
  return likely(e_ != nullptr) ? e_->pull(port_) : nullptr;
}

// ---- empty notification (Click's NotifierSignal, simplified) ----
/** Implemented by storage elements (Queue): pullers sleep while it is empty
 *  instead of polling, and are rescheduled by the first push. A puller finds
 *  the notifier with Element::upstream_notifier(port) and, when its pull
 *  returned nothing and !notifier_active(), unschedules its task. */
class EmptyNotifier {
 public:
  virtual ~EmptyNotifier() = default;
  /** True while packets may be available. */
  virtual bool notifier_active() const = 0;
  /** Reschedule `t` when the storage goes from empty to non-empty. */
  virtual void add_listener(Task* t) = 0;
};
/** Walks upstream from input `port` through single-input pull elements
 *  (Counter, Strip, ...) to the first element that is an EmptyNotifier
 *  (cast("EmptyNotifier")); null if there is none. */
EmptyNotifier* upstream_notifier(const Element* e, int port);

// ---- registration ----
typedef Element* (*ElementFactory)();
/** Registers a class; used by EXPORT_ELEMENT. Returns true. */
bool register_element_class(const char* name, ElementFactory factory);
/** Looks up a registered class factory (null if unknown). */
ElementFactory find_element_class(const String& name);
/** All registered class names, sorted. */
Vector<String> element_class_names();

#define NETSERV_CAT2(a, b) a##b
#define NETSERV_CAT(a, b) NETSERV_CAT2(a, b)
/** EXPORT_ELEMENT(ClassName): the element is available in configurations
 *  under its class_name() (equal to the C++ class name). */
#define EXPORT_ELEMENT(cls) \
  static const bool NETSERV_CAT(netserv_export_, cls) = ::netserv::register_element_class(#cls, []() -> ::netserv::Element* { return new cls; });
/** EXPORT_ELEMENT_AS(CppClass, "ConfigName"): register under another name. */
#define EXPORT_ELEMENT_AS(cls, cname) \
  static const bool NETSERV_CAT(netserv_export_as_, __LINE__) = ::netserv::register_element_class(cname, []() -> ::netserv::Element* { return new cls; });
/** ELEMENT_REQUIRES / ELEMENT_PROVIDES etc. are accepted and ignored, for ported code. */
#define ELEMENT_REQUIRES(x)
#define ELEMENT_PROVIDES(x)
#define ELEMENT_MT_SAFE(x)
#define ELEMENT_LIBS(x)

CLICK_ENDDECLS
#include <click/handlerdata.hh>
#endif
