// Router: building the element graph in Click's phases (instantiate, hookup,
// configure, initialize) and finding elements. Hookup checks live in
// hookup.cc, handlers in handlers.cc, the driver loop in driver.cc.
#include <click/router.hh>
#include <click/lexer.hh>
#include <click/confparse.hh>
#include "hookup.hh"
#include <algorithm>
#include <cerrno>
CLICK_DECLS

Router::Router() {}

Router::~Router() {
  if (initialized_)
    for (auto& e : elements_) e->cleanup(Element::CLEANUP_ROUTER_INITIALIZED);
  // Elements own their Tasks/Timers; detach them first so destructors do not touch freed lists.
  driver_.detach_all();
  elements_.clear();
}

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
  if (instantiate(fc, errh) < 0) return -EINVAL;
  Hookup hookup(*this, fc.connections, errh);
  if (hookup.check_hookup_range() < 0 || hookup.resolve_processing() < 0 ||
      hookup.check_hookup_completeness() < 0)
    return -EINVAL;
  Vector<int> order = configure_order();
  if (configure_elements(order, errh) < 0) return -EINVAL;
  add_default_handlers();
  for (auto& e : elements_) e->add_handlers();
  if (initialize_elements(order, errh) < 0) return -EINVAL;
  initialized_ = true;
  return errh->nerrors() == before ? 0 : -EINVAL;
}

int Router::instantiate(const FlatConfig& fc, ErrorHandler* errh) {
  handlers_.reset(int(fc.elements.size()));
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
  return 0;
}

// Configure and initialize run by configure_phase(), declaration order within a phase.
Vector<int> Router::configure_order() const {
  Vector<int> order(nelements());
  for (int i = 0; i < nelements(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return element(a)->configure_phase() < element(b)->configure_phase(); });
  return order;
}

// Every element is configured even after one fails (all errors are reported);
// on failure each is cleaned up according to how far it got.
int Router::configure_elements(const Vector<int>& order, ErrorHandler* errh) {
  click_random_srandom();   // as Click: each configuration starts from a truly random seed (RandomSeed overrides)
  int n = nelements();
  bool ok = true;
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
  if (ok) return 0;
  for (int i = 0; i < n; ++i) element(i)->cleanup(configured[i] ? Element::CLEANUP_CONFIGURED : Element::CLEANUP_CONFIGURE_FAILED);
  errh->error("Router could not be initialized!");
  return -EINVAL;
}

// The first failure stops initialization; every element is then cleaned up.
int Router::initialize_elements(const Vector<int>& order, ErrorHandler* errh) {
  for (int i : order) {
    Element* e = element(i);
    ContextErrorHandler cerrh(errh, "While initializing '" + e->declaration() + "':", e->landmark());
    int before_e = cerrh.nerrors();
    if (e->initialize(&cerrh) < 0 || cerrh.nerrors() != before_e) {
      if (cerrh.nerrors() == before_e) cerrh.error("unspecified error");
      for (int j = 0; j < nelements(); ++j) element(j)->cleanup(Element::CLEANUP_INITIALIZE_FAILED);
      errh->error("Router could not be initialized!");
      return -EINVAL;
    }
  }
  return 0;
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


void Router::run() {
  driver_.run();
  for (auto& f : on_stop_) f();
}

CLICK_ENDDECLS
