// Handlers: the registry, Router's handler calls ("elem.handler" names), and
// the default handlers Click gives every element and router.
#include <click/router.hh>
#include <click/confparse.hh>
#include "hookup.hh"
#include <cerrno>
CLICK_DECLS

// ------------------------------------------------------------- registry

void HandlerRegistry::reset(int nelements) {
  handlers_.assign(size_t(nelements) + 1, Vector<Handler>());
  index_.assign(size_t(nelements) + 1, std::map<String, size_t>());
}

void HandlerRegistry::add(const Element* e, Handler h) {
  size_t s = slot(e);
  auto& idx = index_[s];
  auto it = idx.find(h.name);
  if (it != idx.end()) {
    // merge read and write halves, as Click does for same-named handlers
    Handler& old = handlers_[s][it->second];
    if (h.read) old.read = h.read;
    if (h.write) old.write = h.write;
    old.flags |= h.flags;
    return;
  }
  idx[h.name] = handlers_[s].size();
  handlers_[s].push_back(std::move(h));
}

const Handler* HandlerRegistry::find(const Element* e, const String& name) const {
  size_t s = slot(e);
  if (s >= handlers_.size()) return nullptr;
  auto it = index_[s].find(name);
  return it == index_[s].end() ? nullptr : &handlers_[s][it->second];
}

Vector<const Handler*> HandlerRegistry::handlers_of(const Element* e) const {
  Vector<const Handler*> v;
  for (auto& h : handlers_[slot(e)]) v.push_back(&h);
  return v;
}

// ------------------------------------------------------------- calls by name

void Router::add_global_read_handler(const String& name, std::function<String()> read) {
  Handler h;
  h.name = name;
  h.read = [read](Element*, const String&, ErrorHandler*) { return read(); };
  h.flags = Handler::f_read;
  add_handler(nullptr, std::move(h));
}

int Router::resolve_handler(const String& fullname, Element*& e, const Handler*& h, ErrorHandler* errh,
                            const String& context) const {
  e = nullptr;
  h = nullptr;
  size_t dot = fullname.rfind('.');
  // element names never contain '.', handler names may not either; split at the last dot
  // that leaves a known element on the left.
  if (dot != String::npos) {
    for (size_t d = fullname.find('.'); d != String::npos; d = fullname.find('.', d + 1)) {
      Element* cand = find(fullname.substr(0, d), context);
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

// ------------------------------------------------------------- default handlers

String Router::element_ports_description(const Element* e) const {
  // Click's "ports" handler: per port "push|pull[~ if agnostic]<TAB>-<TAB>connections".
  String is, os;
  split_port_code(e->processing(), is, os);
  String s = std::to_string(e->ninputs()) + (e->ninputs() == 1 ? " input\n" : " inputs\n");
  for (int p = 0; p < e->ninputs(); ++p) {
    s += e->input_is_push(p) ? "push" : "pull";
    s += processing_code(is, p) == 'a' ? "~\t-\t" : "\t-\t";
    const char* sep = "";
    for (auto& c : connections_)
      if (c.to == e->eindex() && c.to_port == p) { s += sep + element(c.from)->name() + " [" + std::to_string(c.from_port) + "]"; sep = ", "; }
    s += "\n";
  }
  s += std::to_string(e->noutputs()) + (e->noutputs() == 1 ? " output\n" : " outputs\n");
  for (int p = 0; p < e->noutputs(); ++p) {
    s += e->output_is_push(p) ? "push" : "pull";
    s += processing_code(os, p) == 'a' ? "~\t-\t" : "\t-\t";
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

// name, class, config (writable when the element can live-reconfigure), ports, handlers
void Router::add_element_default_handlers(Element* e) {
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

void Router::add_default_handlers() {
  for (auto& up : elements_) add_element_default_handlers(up.get());
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
  add_global_read_handler("runcount", [this]() { return std::to_string(runcount()); });
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

CLICK_ENDDECLS
