// -*- c++ -*-
// TemplateSource: what InfiniteSource and RatedSource share — a template
// packet built from DATA/LENGTH and cloned per packet, LIMIT/STOP/END_CALL,
// the count and the handlers both have (count, reset, data, length, limit,
// burst, active). Not an element: the two subclasses decide when packets go
// out (InfiniteSource from its task, RatedSource from its timer) through
// rearm() and the clock hooks.
#ifndef NETSERV_TEMPLATESOURCE_HH
#define NETSERV_TEMPLATESOURCE_HH
#include <click/element.hh>
#include <click/args.hh>
#include <click/handlercall.hh>
#include <click/task.hh>
CLICK_DECLS

class TemplateSource : public Element {
 public:
  const char* port_count() const override { return PORTS_0_1; }
  const char* processing() const override { return AGNOSTIC; }
  void cleanup(CleanupStage) override { if (packet_) { packet_->kill(); packet_ = nullptr; } }

 protected:
  TemplateSource() : task_(this) {}
  struct Settings {
    String data = default_data;
    int64_t limit = -1;
    int burst = 1;
    int32_t length = -1;
    bool active = true, stop = false;
    String end_call;
  };
  static const char default_data[];
  /** The keywords both sources read after their positional arguments. */
  static Args& read_keywords(Args& args, Settings& s);
  /** Checks and takes the settings, builds the template. */
  int apply(const Settings& s, ErrorHandler* errh);
  int initialize_end_call(ErrorHandler* errh) { return end_call_.initialize_write(this, errh); }
  /** count, reset, data, length, limit, burst, active (task handlers are the subclass's, last). */
  void add_source_handlers();

  /** Push mode: start emitting again (after reset, a limit raise, active:=true). */
  virtual void rearm() = 0;
  /** The "reset" handler restarts the emission clock (RatedSource). */
  virtual void reset_clock() {}
  /** active:=true resumes the emission clock where the count left it (RatedSource). */
  virtual void resume_clock() {}

  /** Clones the template, stamps it, counts it and pushes it; false when out of memory. */
  bool push_one();
  /** Pull mode: one packet, reporting the end when it reaches the limit. */
  Packet* pull_one();
  bool limit_reached() const { return limit_ >= 0 && count_ >= uint64_t(limit_); }
  /** LIMIT reached: END_CALL, then STOP. */
  void finished();

  Task task_;
  String data_;
  int64_t limit_ = -1;
  int burst_ = 1;
  int32_t length_ = -1;
  bool active_ = true, stop_ = false;
  uint64_t count_ = 0;
  HandlerCall end_call_;
  Packet* packet_ = nullptr;   // template, cloned per emitted packet

 private:
  void make_template();
  Packet* make_packet();
};

CLICK_ENDDECLS
#endif
