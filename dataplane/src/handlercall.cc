// HandlerCall. See <click/handlercall.hh>.
#include <click/handlercall.hh>
#include <click/router.hh>
#include <click/confparse.hh>
#include <cerrno>
CLICK_DECLS

int HandlerCall::initialize_write(Element* context, ErrorHandler* errh) {
  element_ = nullptr;
  global_ = false;
  router_ = context->router();
  if (text_.empty()) return 0;
  String name = text_, value;
  size_t sp = name.find_first_of(" \t\r\n");
  if (sp != String::npos) { value = cp_trim(name.substr(sp + 1)); name = name.substr(0, sp); }
  Element* e;
  const Handler* h;
  if (router_->resolve_handler(name, e, h, errh, context->compound_prefix()) < 0) return -ENOENT;
  if (!h->writable()) return errh->error("'%s' is not a write handler", name.c_str());
  element_ = e;
  global_ = e == nullptr;
  hname_ = h->name;
  value_ = value;
  return 0;
}

int HandlerCall::call_write(ErrorHandler* errh) const {
  if (!initialized()) return 0;
  // Looked up per call: handler tables may grow after initialize, calls are rare.
  const Handler* h = router_->handler(element_, hname_);
  if (!h || !h->writable()) return -ENOENT;
  return h->write(value_, element_, errh ? errh : ErrorHandler::default_handler());
}

int HandlerCall::reset_write(const String& text, Element* context, ErrorHandler* errh) {
  HandlerCall next(text);
  if (next.initialize_write(context, errh) < 0) return -EINVAL;
  *this = next;
  return 0;
}

CLICK_ENDDECLS
