// -*- c++ -*-
// HandlerRegistry: the handlers of one router, per element plus one table of
// global handlers, in definition order (the order "handlers" lists them).
// Adding a handler under a name that exists merges the read and write halves,
// as Click does when an element adds a read and a write handler of one name.
//
//   reg.reset(nelements);
//   reg.add(e, h);                       // e null: a global handler
//   const Handler* h = reg.find(e, "count");
#ifndef NETSERV_CLICK_HANDLERREGISTRY_HH
#define NETSERV_CLICK_HANDLERREGISTRY_HH
#include <click/element.hh>
#include <map>
CLICK_DECLS

class HandlerRegistry {
 public:
  /** Empties the registry and makes room for `nelements` elements. */
  void reset(int nelements);
  void add(const Element* e, Handler h);
  const Handler* find(const Element* e, const String& name) const;
  Vector<const Handler*> handlers_of(const Element* e) const;

 private:
  size_t slot(const Element* e) const { return e ? size_t(e->eindex()) : handlers_.size() - 1; }
  Vector<std::map<String, size_t>> index_;   // per element, +1 slot for globals at the end
  Vector<Vector<Handler>> handlers_;
};

CLICK_ENDDECLS
#endif
