// Router: building the element graph, push/pull resolution, handlers, and
// the single-threaded driver (tasks, timers, epoll).
#include <click/router.hh>
#include <click/lexer.hh>
#include <click/confparse.hh>
#include <click/args.hh>
#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstring>
#include <sys/epoll.h>
#include <unistd.h>
CLICK_DECLS

// ------------------------------------------------------------- Task/Timer

Task::~Task() { if (scheduled_ && router_) router_->unschedule_task(this); }
void Task::initialize(Element* owner, bool schedule) { owner_ = owner; initialize(owner->router(), schedule); }
void Task::initialize(Router* r, bool schedule) {
  router_ = r;
  if (schedule) reschedule();
}
void Task::reschedule() { if (router_ && !scheduled_) router_->schedule_task(this); }
void Task::unschedule() { if (router_ && scheduled_) router_->unschedule_task(this); }
bool Task::fire() { return fn_ ? fn_(this) : owner_->run_task(this); }

Timer::~Timer() { if (router_ && heap_index_ >= 0) router_->unschedule_timer(this); }
void Timer::initialize(Element* owner, bool) { if (!owner_) owner_ = owner; router_ = owner->router(); }
void Timer::initialize(Router* r) { router_ = r; }
void Timer::schedule_at(const Timestamp& when) {
  if (!router_) return;
  if (heap_index_ >= 0) router_->unschedule_timer(this);
  expiry_ = when;
  router_->schedule_timer(this);
}
void Timer::schedule_after(const Timestamp& delta) { schedule_at(Timestamp::now_steady() + delta); }
void Timer::unschedule() { if (router_ && heap_index_ >= 0) router_->unschedule_timer(this); }
void Timer::fire() { if (fn_) fn_(this); else if (owner_) owner_->run_timer(this); }

// ------------------------------------------------------------- Router

Router::Router() {}

Router::~Router() {
  if (initialized_)
    for (auto& e : elements_) e->cleanup(Element::CLEANUP_ROUTER_INITIALIZED);
  // Elements own their Tasks/Timers; detach them first so destructors do not touch freed lists.
  for (Task* t = task_head_; t;) {
    Task* n = t->next_;
    t->scheduled_ = false;
    t->prev_ = t->next_ = nullptr;
    t = (n == task_head_) ? nullptr : n;
  }
  task_head_ = nullptr;
  for (Timer* t : timer_heap_) t->heap_index_ = -1;
  timer_heap_.clear();
  elements_.clear();
  if (epfd_ >= 0) close(epfd_);
}

namespace {
struct PortRange { int lo, hi; };  // hi = INT_MAX for unbounded
// Parses one side of a port count ("1", "1-2", "-", "0-", "=", "=+").
bool parse_side(const String& s, PortRange& r, bool& equal, int& equal_plus) {
  equal = false;
  equal_plus = 0;
  if (s == "-") { r = {0, INT_MAX}; return true; }
  if (!s.empty() && s[0] == '=') { equal = true; equal_plus = (s == "=+") ? 1 : 0; return true; }
  size_t dash = s.find('-');
  if (dash == String::npos) { r.lo = r.hi = atoi(s.c_str()); return !s.empty(); }
  r.lo = dash == 0 ? 0 : atoi(s.substr(0, dash).c_str());
  r.hi = dash + 1 == s.size() ? INT_MAX : atoi(s.substr(dash + 1).c_str());
  return true;
}
char proc_code(const String& side, int port) {
  if (side.empty()) return 'a';
  char c = port < int(side.size()) ? side[port] : side.back();
  return c == 'h' ? 'h' : c == 'l' ? 'l' : 'a';
}
}  // namespace

std::unique_ptr<Router> Router::make(const String& text, const String& filename,
                                     const std::map<String, String>& defines, ErrorHandler* errh) {
  FlatConfig fc;
  if (parse_click_config(text, filename, defines, fc, errh) < 0) return nullptr;
  std::unique_ptr<Router> r(new Router());
  r->config_text_ = text;
  r->filename_ = filename;
  if (r->build(fc, errh) < 0) return nullptr;
  return r;
}

int Router::build(const FlatConfig& fc, ErrorHandler* errh) {
  int before = errh->nerrors();
  handlers_.resize(fc.elements.size() + 1);
  handler_index_.resize(fc.elements.size() + 1);
  for (size_t i = 0; i < fc.elements.size(); ++i) {
    const FlatElement& fe = fc.elements[i];
    ElementFactory f = find_element_class(fe.class_name);
    if (!f) { errh->lerror(fe.landmark, "unknown element class '%s'", fe.class_name.c_str()); return -EINVAL; }
    Element* e = f();
    e->attach_router(this, int(i), fe.name, fe.landmark);
    e->set_configuration(fe.config);
    elements_.emplace_back(e);
    element_index_[fe.name] = int(i);
    element_classes_.push_back(fe.class_name);
  }
  for (auto& c : fc.connections) connections_.push_back({c.from, c.from_port, c.to, c.to_port});

  // ---- port counts ----
  int n = nelements();
  Vector<int> nin(n, 0), nout(n, 0);
  for (auto& c : connections_) {
    nout[c.from] = std::max(nout[c.from], c.from_port + 1);
    nin[c.to] = std::max(nin[c.to], c.to_port + 1);
  }
  bool ok = true;
  for (int i = 0; i < n; ++i) {
    Element* e = element(i);
    String pc = e->port_count();
    size_t slash = pc.find('/');
    String is = slash == String::npos ? pc : pc.substr(0, slash);
    String os = slash == String::npos ? pc : pc.substr(slash + 1);
    PortRange ir{0, 0}, orr{0, 0};
    bool ieq, oeq;
    int iplus, oplus;
    parse_side(is, ir, ieq, iplus);
    parse_side(os, orr, oeq, oplus);
    if (oeq) { orr.lo = std::max(ir.lo, nin[i]) + oplus; orr.hi = (nin[i] > ir.lo ? nin[i] : ir.lo) + oplus; if (ir.hi == INT_MAX && nin[i] < nout[i] - oplus) orr.hi = orr.lo = std::max(nin[i], nout[i] - oplus) + oplus; }
    if (ieq) { ir.lo = std::max(orr.lo, nout[i]) + iplus; ir.hi = ir.lo; }
    int ni = std::max(nin[i], ir.lo), no = std::max(nout[i], orr.lo);
    if (oeq) no = std::max(no, (ir.hi == INT_MAX ? std::max(nin[i], ir.lo) : std::max(nin[i], ir.lo)) + oplus);
    if (ieq) ni = std::max(ni, no + iplus);
    if (nin[i] > ir.hi && !ieq) { ni = ir.hi; }
    if (nout[i] > orr.hi && !oeq) { no = orr.hi; }
    e->inputs_.resize(ni);
    e->outputs_.resize(no);
  }
  for (size_t k = 0; k < connections_.size(); ++k) {
    auto& c = connections_[k];
    Element* from = element(c.from);
    Element* to = element(c.to);
    if (c.from_port >= from->noutputs()) {
      errh->lerror(fc.connections[k].landmark, "'%s' has no output %d", from->name().c_str(), c.from_port);
      ok = false;
    }
    if (c.to_port >= to->ninputs()) {
      errh->lerror(fc.connections[k].landmark, "'%s' has no input %d", to->name().c_str(), c.to_port);
      ok = false;
    }
  }
  if (!ok) return -EINVAL;

  // ---- push/pull ----
  Vector<Vector<char>> ip(n), op(n);
  for (int i = 0; i < n; ++i) {
    String pr = element(i)->processing();
    size_t slash = pr.find('/');
    String is = slash == String::npos ? pr : pr.substr(0, slash);
    String os = slash == String::npos ? pr : pr.substr(slash + 1);
    for (int p = 0; p < element(i)->ninputs(); ++p) ip[i].push_back(proc_code(is, p));
    for (int p = 0; p < element(i)->noutputs(); ++p) op[i].push_back(proc_code(os, p));
  }
  // flow code: "x/x" complete; otherwise characters link ports with matching letters
  auto flows = [&](int i, int in, int out) -> bool {
    String fcode = element(i)->flow_code();
    size_t slash = fcode.find('/');
    if (slash == String::npos) return true;
    String fi = fcode.substr(0, slash), fo = fcode.substr(slash + 1);
    if (fi.empty() || fo.empty()) return true;
    char a = in < int(fi.size()) ? fi[in] : fi.back();
    char b = out < int(fo.size()) ? fo[out] : fo.back();
    return a == b || a == '#' || b == '#';
  };
  bool changed = true;
  while (changed) {
    changed = false;
    for (auto& c : connections_) {
      char& o = op[c.from][c.from_port];
      char& in = ip[c.to][c.to_port];
      if (o == 'a' && in != 'a') { o = in; changed = true; }
      else if (in == 'a' && o != 'a') { in = o; changed = true; }
    }
    for (int i = 0; i < n; ++i) {
      for (int a = 0; a < element(i)->ninputs(); ++a)
        for (int b = 0; b < element(i)->noutputs(); ++b) {
          String pr = element(i)->processing();
          size_t slash = pr.find('/');
          String is = slash == String::npos ? pr : pr.substr(0, slash);
          String os = slash == String::npos ? pr : pr.substr(slash + 1);
          if (proc_code(is, a) != 'a' || proc_code(os, b) != 'a' || !flows(i, a, b)) continue;
          if (ip[i][a] != 'a' && op[i][b] == 'a') { op[i][b] = ip[i][a]; changed = true; }
          else if (op[i][b] != 'a' && ip[i][a] == 'a') { ip[i][a] = op[i][b]; changed = true; }
          else if (ip[i][a] != 'a' && op[i][b] != 'a' && ip[i][a] != op[i][b]) {
            errh->lerror(element(i)->landmark(), "agnostic '%s' in mixed context: %s input %d, %s output %d",
                         element(i)->declaration().c_str(), ip[i][a] == 'h' ? "push" : "pull", a,
                         op[i][b] == 'h' ? "push" : "pull", b);
            return -EINVAL;
          }
        }
    }
  }
  for (int i = 0; i < n; ++i) {
    for (auto& c : ip[i]) if (c == 'a') c = 'h';
    for (auto& c : op[i]) if (c == 'a') c = 'h';
  }
  for (size_t k = 0; k < connections_.size(); ++k) {
    auto& c = connections_[k];
    char o = op[c.from][c.from_port], in = ip[c.to][c.to_port];
    if (o != in) {
      errh->lerror(fc.connections[k].landmark, "'%s' %s output %d connected to '%s' %s input %d",
                   element(c.from)->declaration().c_str(), o == 'h' ? "push" : "pull", c.from_port,
                   element(c.to)->declaration().c_str(), in == 'h' ? "push" : "pull", c.to_port);
      ok = false;
    }
  }
  if (!ok) return -EINVAL;
  // hook up ports; check multiplicity and completeness
  Vector<Vector<int>> in_use(n), out_use(n);
  for (int i = 0; i < n; ++i) {
    Element* e = element(i);
    e->input_push_.assign(ip[i].begin(), ip[i].end());
    e->output_push_.assign(op[i].begin(), op[i].end());
    for (int p = 0; p < e->ninputs(); ++p) e->input_push_[p] = ip[i][p] == 'h';
    for (int p = 0; p < e->noutputs(); ++p) e->output_push_[p] = op[i][p] == 'h';
    in_use[i].assign(e->ninputs(), 0);
    out_use[i].assign(e->noutputs(), 0);
  }
  for (size_t k = 0; k < connections_.size(); ++k) {
    auto& c = connections_[k];
    Element* from = element(c.from);
    Element* to = element(c.to);
    ++out_use[c.from][c.from_port];
    ++in_use[c.to][c.to_port];
    if (from->output_push_[c.from_port]) {
      if (out_use[c.from][c.from_port] > 1) {
        errh->lerror(fc.connections[k].landmark, "'%s' push output %d connected more than once", from->declaration().c_str(), c.from_port);
        ok = false;
      }
      Element::Port& pt = from->outputs_[c.from_port];
      pt.e_ = to; pt.port_ = c.to_port; pt.active_ = true;
      Element::Port& pi = to->inputs_[c.to_port];
      pi.e_ = from; pi.port_ = c.from_port; pi.active_ = false;
    } else {
      if (in_use[c.to][c.to_port] > 1) {
        errh->lerror(fc.connections[k].landmark, "'%s' pull input %d connected more than once", to->declaration().c_str(), c.to_port);
        ok = false;
      }
      Element::Port& pi = to->inputs_[c.to_port];
      pi.e_ = from; pi.port_ = c.from_port; pi.active_ = true;
      Element::Port& pt = from->outputs_[c.from_port];
      pt.e_ = to; pt.port_ = c.to_port; pt.active_ = false;
    }
  }
  for (int i = 0; i < n; ++i) {
    Element* e = element(i);
    for (int p = 0; p < e->ninputs(); ++p)
      if (!in_use[i][p]) { errh->lerror(e->landmark(), "'%s' input %d unused", e->declaration().c_str(), p); ok = false; }
    for (int p = 0; p < e->noutputs(); ++p)
      if (!out_use[i][p]) { errh->lerror(e->landmark(), "'%s' output %d unused", e->declaration().c_str(), p); ok = false; }
  }
  if (!ok) return -EINVAL;

  // ---- configure (by phase, stable) ----
  Vector<int> order(n);
  for (int i = 0; i < n; ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return element(a)->configure_phase() < element(b)->configure_phase(); });
  Vector<bool> configured(n, false);
  for (int i : order) {
    Element* e = element(i);
    ContextErrorHandler cerrh(errh, "While configuring '" + e->declaration() + "':", e->landmark());
    Vector<String> conf = cp_argvec(e->configuration());
    int before_e = cerrh.nerrors();
    int r = e->configure(conf, &cerrh);
    if (r < 0 || cerrh.nerrors() != before_e) {
      if (cerrh.nerrors() == before_e) cerrh.error("unspecified error");
      ok = false;
    } else
      configured[i] = true;
  }
  add_default_handlers();
  if (!ok) {
    for (int i = 0; i < n; ++i) element(i)->cleanup(configured[i] ? Element::CLEANUP_CONFIGURED : Element::CLEANUP_CONFIGURE_FAILED);
    errh->error("Router could not be initialized!");
    return -EINVAL;
  }
  for (int i = 0; i < n; ++i) element(i)->add_handlers();

  // ---- initialize ----
  for (int i : order) {
    Element* e = element(i);
    ContextErrorHandler cerrh(errh, "While initializing '" + e->declaration() + "':", e->landmark());
    int before_e = cerrh.nerrors();
    if (e->initialize(&cerrh) < 0 || cerrh.nerrors() != before_e) {
      if (cerrh.nerrors() == before_e) cerrh.error("unspecified error");
      for (int j = 0; j < n; ++j) element(j)->cleanup(Element::CLEANUP_INITIALIZE_FAILED);
      errh->error("Router could not be initialized!");
      return -EINVAL;
    }
  }
  initialized_ = true;
  return errh->nerrors() == before ? 0 : -EINVAL;
}

Element* Router::find(const String& name, const String& context) const {
  String ctx = context;
  while (true) {
    auto it = element_index_.find(ctx + name);
    if (it != element_index_.end()) return elements_[it->second].get();
    if (ctx.empty()) return nullptr;
    // drop the last component of the context ("a/b/" -> "a/")
    size_t s = ctx.size() >= 2 ? ctx.rfind('/', ctx.size() - 2) : String::npos;
    ctx = (s == String::npos) ? String() : ctx.substr(0, s + 1);
  }
}

// ------------------------------------------------------------- handlers

void Router::add_handler(const Element* e, Handler h) {
  size_t slot = e ? size_t(e->eindex()) : handlers_.size() - 1;
  auto& idx = handler_index_[slot];
  auto it = idx.find(h.name);
  if (it != idx.end()) {
    // merge read and write halves, as Click does for same-named handlers
    Handler& old = handlers_[slot][it->second];
    if (h.read) old.read = h.read;
    if (h.write) old.write = h.write;
    old.flags |= h.flags;
    return;
  }
  idx[h.name] = handlers_[slot].size();
  handlers_[slot].push_back(std::move(h));
}

void Router::add_global_read_handler(const String& name, std::function<String()> read) {
  Handler h;
  h.name = name;
  h.read = [read](Element*, const String&, ErrorHandler*) { return read(); };
  h.flags = Handler::f_read;
  add_handler(nullptr, std::move(h));
}

const Handler* Router::handler(const Element* e, const String& name) const {
  size_t slot = e ? size_t(e->eindex()) : handlers_.size() - 1;
  if (slot >= handlers_.size()) return nullptr;
  auto it = handler_index_[slot].find(name);
  return it == handler_index_[slot].end() ? nullptr : &handlers_[slot][it->second];
}

Vector<const Handler*> Router::handlers_of(const Element* e) const {
  size_t slot = e ? size_t(e->eindex()) : handlers_.size() - 1;
  Vector<const Handler*> v;
  for (auto& h : handlers_[slot]) v.push_back(&h);
  return v;
}

String Router::element_ports_description(const Element* e) const {
  // Click's "ports" handler: per port "push|pull[~ if agnostic]<TAB>-<TAB>connections".
  String pr = e->processing();
  size_t slash = pr.find('/');
  String is = slash == String::npos ? pr : pr.substr(0, slash);
  String os = slash == String::npos ? pr : pr.substr(slash + 1);
  String s = std::to_string(e->ninputs()) + (e->ninputs() == 1 ? " input\n" : " inputs\n");
  for (int p = 0; p < e->ninputs(); ++p) {
    s += e->input_is_push(p) ? "push" : "pull";
    s += proc_code(is, p) == 'a' ? "~\t-\t" : "\t-\t";
    const char* sep = "";
    for (auto& c : connections_)
      if (c.to == e->eindex() && c.to_port == p) { s += sep + element(c.from)->name() + " [" + std::to_string(c.from_port) + "]"; sep = ", "; }
    s += "\n";
  }
  s += std::to_string(e->noutputs()) + (e->noutputs() == 1 ? " output\n" : " outputs\n");
  for (int p = 0; p < e->noutputs(); ++p) {
    s += e->output_is_push(p) ? "push" : "pull";
    s += proc_code(os, p) == 'a' ? "~\t-\t" : "\t-\t";
    const char* sep = "";
    for (auto& c : connections_)
      if (c.from == e->eindex() && c.from_port == p) { s += sep + String("[") + std::to_string(c.to_port) + "] " + element(c.to)->name(); sep = ", "; }
    s += "\n";
  }
  return s;
}

String Router::flatconfig() const {
  String s;
  for (auto& e : elements_) {
    s += e->name() + " :: " + e->class_name();
    if (!e->configuration().empty()) s += "(" + e->configuration() + ")";
    s += ";\n";
  }
  if (!elements_.empty() && !connections_.empty()) s += "\n";
  for (auto& c : connections_)
    s += element(c.from)->name() + " [" + std::to_string(c.from_port) + "] -> [" + std::to_string(c.to_port) + "] " + element(c.to)->name() + ";\n";
  return s;
}

void Router::add_default_handlers() {
  for (auto& up : elements_) {
    Element* e = up.get();
    Handler h;
    h.name = "name";
    h.read = [](Element* e, const String&, ErrorHandler*) { return e->name(); };
    h.flags = Handler::f_read;
    add_handler(e, h);
    h.name = "class";
    h.read = [](Element* e, const String&, ErrorHandler*) { return String(e->class_name()); };
    add_handler(e, h);
    Handler c;
    c.name = "config";
    c.read = [](Element* e, const String&, ErrorHandler*) { return e->configuration(); };
    c.flags = Handler::f_read;
    if (e->can_live_reconfigure()) {
      c.write = [](const String& s, Element* e, ErrorHandler* errh) -> int {
        Vector<String> conf = cp_argvec(s);
        int r = e->live_reconfigure(conf, errh);
        if (r >= 0) e->set_configuration(s);
        return r;
      };
      c.flags |= Handler::f_write;
    }
    add_handler(e, c);
    h.name = "ports";
    h.read = [this](Element* e, const String&, ErrorHandler*) { return element_ports_description(e); };
    add_handler(e, h);
    h.name = "handlers";
    h.read = [this](Element* e, const String&, ErrorHandler*) {
      String s;
      for (const Handler* x : handlers_of(e)) {
        s += x->name + "\t";
        if (x->readable()) s += "r";
        if (x->writable()) s += "w";
        if (x->flags & Handler::f_read_param) s += "+";
        if (x->flags & Handler::f_raw) s += "%";
        if (x->flags & Handler::f_button) s += "b";
        if (x->flags & Handler::f_checkbox) s += "c";
        s += "\n";
      }
      return s;
    };
    add_handler(e, h);
  }
  // global handlers
  add_global_read_handler("version", []() { return String("2.1"); });
  add_global_read_handler("list", [this]() {
    String s = std::to_string(nelements()) + "\n";
    for (auto& e : elements_) s += e->name() + "\n";
    return s;
  });
  add_global_read_handler("classes", []() {
    String s;
    for (auto& c : element_class_names()) s += c + "\n";
    return s;
  });
  add_global_read_handler("config", [this]() { return config_text_; });
  add_global_read_handler("flatconfig", [this]() { return flatconfig(); });
  add_global_read_handler("handlers", [this]() {
    String s;
    for (const Handler* x : handlers_of(nullptr)) {
      s += x->name + "\t";
      if (x->readable()) s += "r";
      if (x->writable()) s += "w";
      if (x->flags & Handler::f_button) s += "b";
      s += "\n";
    }
    return s;
  });
  add_global_read_handler("runcount", [this]() { return std::to_string(runcount_); });
  Handler stop;
  stop.name = "stop";
  stop.write = [this](const String& s, Element*, ErrorHandler*) -> int {
    int n = 1;
    String t = cp_uncomment(s);
    if (!t.empty()) n = atoi(t.c_str());
    adjust_runcount(-n);
    return 0;
  };
  stop.flags = Handler::f_write | Handler::f_button;
  add_handler(nullptr, stop);
}

int Router::resolve_handler(const String& fullname, Element*& e, const Handler*& h, ErrorHandler* errh) const {
  e = nullptr;
  h = nullptr;
  size_t dot = fullname.rfind('.');
  // element names never contain '.', handler names may not either; split at the last dot
  // that leaves a known element on the left.
  if (dot != String::npos) {
    for (size_t d = fullname.find('.'); d != String::npos; d = fullname.find('.', d + 1)) {
      Element* cand = find(fullname.substr(0, d));
      if (cand) {
        e = cand;
        h = handler(cand, fullname.substr(d + 1));
        if (!h) { if (errh) errh->error("no '%s' handler", fullname.c_str()); return -ENOENT; }
        return 0;
      }
    }
    String en = fullname.substr(0, fullname.find('.'));
    if (errh) errh->error("no element '%s'", en.c_str());
    return -ENOENT;
  }
  h = handler(nullptr, fullname);
  if (!h) { if (errh) errh->error("no '%s' handler", fullname.c_str()); return -ENOENT; }
  return 0;
}

int Router::handler_read(const String& fullname, String& value, ErrorHandler* errh, const String& param) {
  Element* e;
  const Handler* h;
  int r = resolve_handler(fullname, e, h, errh);
  if (r < 0) return r;
  if (!h->readable()) { if (errh) errh->error("'%s' is a write handler", fullname.c_str()); return -EACCES; }
  ErrorHandler* eh = errh ? errh : ErrorHandler::silent_handler();
  int before = eh->nerrors();
  value = h->read(e, param, eh);
  return eh->nerrors() == before ? 0 : -EINVAL;
}

int Router::handler_write(const String& fullname, const String& value, ErrorHandler* errh) {
  Element* e;
  const Handler* h;
  int r = resolve_handler(fullname, e, h, errh);
  if (r < 0) return r;
  if (!h->writable()) { if (errh) errh->error("'%s' is a read handler", fullname.c_str()); return -EACCES; }
  ErrorHandler* eh = errh ? errh : ErrorHandler::silent_handler();
  return h->write(value, e, eh);
}

// ------------------------------------------------------------- driver

void Router::adjust_runcount(int delta) {
  runcount_ += delta;
  if (runcount_ <= 0) {
    if (stop_hook_ && stop_hook_()) return;
    stopped_ = true;
  }
}
void Router::set_runcount(int x) { runcount_ = x; adjust_runcount(0); }

void Router::schedule_task(Task* t) {
  t->scheduled_ = true;
  if (!task_head_) {
    task_head_ = t;
    t->prev_ = t->next_ = t;
  } else {
    // insert before head (= at the end of the round)
    Task* tail = task_head_->prev_;
    tail->next_ = t;
    t->prev_ = tail;
    t->next_ = task_head_;
    task_head_->prev_ = t;
  }
}

void Router::unschedule_task(Task* t) {
  if (!t->scheduled_) return;
  t->scheduled_ = false;
  if (t->next_ == t) {
    task_head_ = task_cursor_ = nullptr;
  } else {
    t->prev_->next_ = t->next_;
    t->next_->prev_ = t->prev_;
    if (task_head_ == t) task_head_ = t->next_;
    if (task_cursor_ == t) task_cursor_ = t->next_;
  }
  t->prev_ = t->next_ = nullptr;
}

bool Router::run_tasks(int budget) {
  bool any = false;
  // Like Click's RouterThread, a batch is not cut short by a stop request:
  // the driver checks for stop between batches, so tasks already running
  // (e.g. an Unqueue draining a Queue) finish the batch.
  for (int i = 0; i < budget && task_head_; ++i) {
    Task* t = task_cursor_ && task_cursor_->scheduled_ ? task_cursor_ : task_head_;
    task_cursor_ = t->next_;
    // A task stays scheduled (Click's fast_reschedule model) unless it unschedules itself.
    any |= t->fire();
    if (!task_head_) task_cursor_ = nullptr;
  }
  return any;
}

void Router::schedule_timer(Timer* t) {
  t->heap_index_ = int(timer_heap_.size());
  timer_heap_.push_back(t);
  // sift up
  int i = t->heap_index_;
  while (i > 0) {
    int p = (i - 1) / 2;
    if (!(timer_heap_[i]->expiry_ < timer_heap_[p]->expiry_)) break;
    std::swap(timer_heap_[i], timer_heap_[p]);
    timer_heap_[i]->heap_index_ = i;
    timer_heap_[p]->heap_index_ = p;
    i = p;
  }
}

void Router::unschedule_timer(Timer* t) {
  int i = t->heap_index_;
  if (i < 0) return;
  int last = int(timer_heap_.size()) - 1;
  if (i != last) {
    timer_heap_[i] = timer_heap_[last];
    timer_heap_[i]->heap_index_ = i;
  }
  timer_heap_.pop_back();
  t->heap_index_ = -1;
  if (i < int(timer_heap_.size())) {
    // restore heap property both ways
    int k = i;
    while (k > 0) {
      int p = (k - 1) / 2;
      if (!(timer_heap_[k]->expiry_ < timer_heap_[p]->expiry_)) break;
      std::swap(timer_heap_[k], timer_heap_[p]);
      timer_heap_[k]->heap_index_ = k;
      timer_heap_[p]->heap_index_ = p;
      k = p;
    }
    while (true) {
      int l = 2 * k + 1, r = l + 1, m = k;
      if (l < int(timer_heap_.size()) && timer_heap_[l]->expiry_ < timer_heap_[m]->expiry_) m = l;
      if (r < int(timer_heap_.size()) && timer_heap_[r]->expiry_ < timer_heap_[m]->expiry_) m = r;
      if (m == k) break;
      std::swap(timer_heap_[k], timer_heap_[m]);
      timer_heap_[k]->heap_index_ = k;
      timer_heap_[m]->heap_index_ = m;
      k = m;
    }
  }
}

void Router::fire_timers() {
  if (timer_heap_.empty()) return;
  Timestamp now = Timestamp::now_steady();
  int guard = 0;
  while (!timer_heap_.empty() && timer_heap_[0]->expiry_ <= now && !stopped_ && guard++ < 1000) {
    Timer* t = timer_heap_[0];
    unschedule_timer(t);
    t->fire();
  }
}

int Router::add_select(int fd, Element* e, int mask) {
  if (epfd_ < 0) epfd_ = epoll_create1(EPOLL_CLOEXEC);
  if (epfd_ < 0) return -errno;
  auto it = selects_.find(fd);
  bool existed = it != selects_.end();
  SelectEntry& se = selects_[fd];
  if (mask & Element::SELECT_READ) se.read = e;
  if (mask & Element::SELECT_WRITE) se.write = e;
  se.mask |= mask;
  struct epoll_event ev;
  memset(&ev, 0, sizeof ev);
  ev.events = ((se.mask & Element::SELECT_READ) ? EPOLLIN : 0) | ((se.mask & Element::SELECT_WRITE) ? EPOLLOUT : 0);
  ev.data.fd = fd;
  if (epoll_ctl(epfd_, existed ? EPOLL_CTL_MOD : EPOLL_CTL_ADD, fd, &ev) < 0) return -errno;
  return 0;
}

int Router::remove_select(int fd, Element*, int mask) {
  auto it = selects_.find(fd);
  if (it == selects_.end() || epfd_ < 0) return 0;
  SelectEntry& se = it->second;
  se.mask &= ~mask;
  if (mask & Element::SELECT_READ) se.read = nullptr;
  if (mask & Element::SELECT_WRITE) se.write = nullptr;
  if (!se.mask) {
    epoll_ctl(epfd_, EPOLL_CTL_DEL, fd, nullptr);
    selects_.erase(it);
  } else {
    struct epoll_event ev;
    memset(&ev, 0, sizeof ev);
    ev.events = ((se.mask & Element::SELECT_READ) ? EPOLLIN : 0) | ((se.mask & Element::SELECT_WRITE) ? EPOLLOUT : 0);
    ev.data.fd = fd;
    epoll_ctl(epfd_, EPOLL_CTL_MOD, fd, &ev);
  }
  return 0;
}

bool Router::run_once(bool block) {
  if (stopped_) return false;
  fire_timers();
  if (stopped_) return false;
  run_tasks(128);
  if (stopped_) return false;
  int timeout = 0;
  if (!task_head_ && block) {
    if (timer_heap_.empty()) timeout = -1;
    else {
      Timestamp d = timer_heap_[0]->expiry_ - Timestamp::now_steady();
      int64_t ms = d.sec() < 0 ? 0 : d.msecval() + ((d.nsec() % 1000000) ? 1 : 0);
      timeout = int(std::min<int64_t>(ms, 1000));
    }
    if (selects_.empty() && timeout < 0) {
      // nothing can ever happen again: Click would hang; we stop instead
      stopped_ = true;
      return false;
    }
  }
  if (epfd_ >= 0 && !selects_.empty()) {
    struct epoll_event evs[64];
    int nev = epoll_wait(epfd_, evs, 64, timeout);
    for (int i = 0; i < nev && !stopped_; ++i) {
      int fd = evs[i].data.fd;
      auto it = selects_.find(fd);
      if (it == selects_.end()) continue;
      Element* r = it->second.read;
      Element* w = it->second.write;
      uint32_t ev = evs[i].events;
      if ((ev & (EPOLLIN | EPOLLHUP | EPOLLERR)) && r) r->selected(fd, Element::SELECT_READ);
      it = selects_.find(fd);
      if (it != selects_.end() && (ev & (EPOLLOUT | EPOLLERR)) && it->second.write == w && w) w->selected(fd, Element::SELECT_WRITE);
    }
  } else if (timeout > 0) {
    usleep(useconds_t(timeout) * 1000);
  }
  return !stopped_;
}

void Router::run() {
  while (run_once(true)) {}
  for (auto& f : on_stop_) f();
}

CLICK_ENDDECLS
