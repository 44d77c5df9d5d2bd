// Element base class and the class registry.
#include <click/element.hh>
#include <click/router.hh>
#include <click/task.hh>
#include <click/timer.hh>
#include <click/confparse.hh>
#include <algorithm>
#include <map>
CLICK_DECLS

const char Element::PORTS_0_0[] = "0/0";
const char Element::PORTS_0_1[] = "0/1";
const char Element::PORTS_1_0[] = "1/0";
const char Element::PORTS_1_1[] = "1/1";
const char Element::PORTS_1_1X2[] = "1/1-2";
const char Element::AGNOSTIC[] = "a";
const char Element::PUSH[] = "h";
const char Element::PULL[] = "l";
const char Element::PUSH_TO_PULL[] = "h/l";
const char Element::PULL_TO_PUSH[] = "l/h";
const char Element::PROCESSING_A_AH[] = "a/ah";
const char Element::COMPLETE_FLOW[] = "x/x";

Element::Element() {}
Element::~Element() {}

void* Element::cast(const char* n) {
  return (n && strcmp(n, class_name()) == 0) ? this : nullptr;
}

int Element::configure(Vector<String>& conf, ErrorHandler* errh) {
  if (!conf.empty()) return errh->error("too many arguments");
  return 0;
}

int Element::live_reconfigure(Vector<String>& conf, ErrorHandler* errh) {
  if (!can_live_reconfigure()) return errh->error("cannot reconfigure %s live", declaration().c_str());
  return configure(conf, errh);
}

void Element::push(int, Packet* p) {
  if ((p = simple_action(p))) output(0).push(p);
}

Packet* Element::pull(int) {
  Packet* p = input(0).pull();
  if (p) p = simple_action(p);
  return p;
}

bool Element::run_task(Task*) {
  click_chatter("%s: run_task not implemented", declaration().c_str());
  return false;
}
void Element::run_timer(Timer*) { click_chatter("%s: run_timer not implemented", declaration().c_str()); }
void Element::selected(int fd, int) { click_chatter("%s: selected(%d) not implemented", declaration().c_str(), fd); }

String Element::declaration() const { return name_ + " :: " + class_name(); }

String Element::compound_prefix() const {
  size_t s = name_.rfind('/');
  return s == String::npos ? String() : name_.substr(0, s + 1);
}

void Element::add_read_handler(const String& name, ReadHandlerCallback cb, int user_data, uint32_t flags) {
  add_read_handler(name, cb, reinterpret_cast<const void*>(intptr_t(user_data)), flags);
}
void Element::add_read_handler(const String& name, ReadHandlerCallback cb, const void* user_data, uint32_t flags) {
  void* ud = const_cast<void*>(user_data);
  Handler h;
  h.name = name;
  h.read = [cb, ud](Element* e, const String&, ErrorHandler*) { return cb(e, ud); };
  h.flags = flags | Handler::f_read;
  router_->add_handler(this, std::move(h));
}
void Element::add_write_handler(const String& name, WriteHandlerCallback cb, int user_data, uint32_t flags) {
  add_write_handler(name, cb, reinterpret_cast<const void*>(intptr_t(user_data)), flags);
}
void Element::add_write_handler(const String& name, WriteHandlerCallback cb, const void* user_data, uint32_t flags) {
  void* ud = const_cast<void*>(user_data);
  Handler h;
  h.name = name;
  h.write = [cb, ud](const String& s, Element* e, ErrorHandler* errh) { return cb(s, e, ud, errh); };
  h.flags = flags | Handler::f_write;
  router_->add_handler(this, std::move(h));
}
void Element::add_read_handler(const String& name, std::function<String()> read, uint32_t flags) {
  Handler h;
  h.name = name;
  h.read = [read](Element*, const String&, ErrorHandler*) { return read(); };
  h.flags = flags | Handler::f_read;
  router_->add_handler(this, std::move(h));
}
void Element::add_write_handler(const String& name, std::function<int(const String&, ErrorHandler*)> write, uint32_t flags) {
  Handler h;
  h.name = name;
  h.write = [write](const String& s, Element*, ErrorHandler* errh) { return write(s, errh); };
  h.flags = flags | Handler::f_write;
  router_->add_handler(this, std::move(h));
}
void Element::add_read_param_handler(const String& name, std::function<String(const String&, ErrorHandler*)> read, uint32_t flags) {
  Handler h;
  h.name = name;
  h.read = [read](Element*, const String& p, ErrorHandler* errh) { return read(p, errh); };
  h.flags = flags | Handler::f_read | Handler::f_read_param;
  router_->add_handler(this, std::move(h));
}

void Element::add_task_handlers(Task* task, const String& prefix) {
  add_read_handler(prefix + "scheduled", [task]() { return String(task->scheduled() ? "true" : "false"); });
  add_read_handler(prefix + "tickets", [task]() { return std::to_string(task->tickets()); });
  add_read_handler(prefix + "home_thread", [task]() { return std::to_string(task->home_thread_id()); });
}

int Element::add_select(int fd, int mask) { return router_->add_select(fd, this, mask); }
int Element::remove_select(int fd, int mask) { return router_->remove_select(fd, this, mask); }

EmptyNotifier* upstream_notifier(const Element* e, int port) {
  const Element* cur = e;
  int p = port;
  for (int depth = 0; depth < 32; ++depth) {
    if (p >= cur->ninputs() || !cur->input_is_pull(p)) return nullptr;
    Element* up = cur->input(p).element();
    if (!up) return nullptr;
    if (void* n = up->cast("EmptyNotifier")) return static_cast<EmptyNotifier*>(n);
    if (up->ninputs() != 1 || !up->input_is_pull(0)) return nullptr;
    cur = up;
    p = 0;
  }
  return nullptr;
}

// ---- registry ----
static std::map<String, ElementFactory>& registry() {
  static std::map<String, ElementFactory> r;
  return r;
}
bool register_element_class(const char* name, ElementFactory factory) {
  registry()[name] = factory;
  return true;
}
ElementFactory find_element_class(const String& name) {
  auto it = registry().find(name);
  return it == registry().end() ? nullptr : it->second;
}
Vector<String> element_class_names() {
  Vector<String> v;
  for (auto& kv : registry()) v.push_back(kv.first);
  return v;
}

CLICK_ENDDECLS
