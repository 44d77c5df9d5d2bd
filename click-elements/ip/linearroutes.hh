// -*- c++ -*-
// LinearRoutes: a route list searched linearly (longest prefix wins; among
// equal prefixes the first added). Shared by LinearIPLookup/StaticIPLookup
// and used as RadixIPLookup's store.
#ifndef NETSERV_LINEARROUTES_HH
#define NETSERV_LINEARROUTES_HH
#include "iproutetable.hh"
CLICK_DECLS
struct LinearRoutes {
  Vector<IPRoute> routes;
  int lookup(IPAddress dst, IPAddress& gw) const {
    const IPRoute* best = nullptr;
    for (auto& r : routes)
      if (r.contains(dst) && (!best || ntohl(r.mask.addr()) > ntohl(best->mask.addr()))) best = &r;
    if (!best) return -1;
    gw = best->gw;
    return best->port;
  }
  int add(const IPRoute& r, bool replace, ErrorHandler* errh) {
    for (auto& x : routes)
      if (x.addr == r.addr && x.mask == r.mask) {
        if (!replace) {   // Click writes the route with spaces here (tabs only in the table)
          String r = x.unparse();
          for (char& c : r) if (c == '\t') c = ' ';
          return errh->error("conflict with existing route '%s'", r.c_str());
        }
        x = r;
        return 0;
      }
    routes.push_back(r);
    return 0;
  }
  int remove(const IPRoute& r, ErrorHandler* errh) {
    for (size_t i = 0; i < routes.size(); ++i) {
      const IPRoute& x = routes[i];
      if (x.addr == r.addr && x.mask == r.mask && (r.port < 0 || x.port == r.port) && (r.gw.empty() || x.gw == r.gw)) {
        routes.erase(routes.begin() + long(i));
        return 0;
      }
    }
    return errh->error("route '%s' not found", r.addr.unparse_with_mask(r.mask).c_str());
  }
  String dump() const {
    String s;
    for (auto& r : routes) s += r.unparse() + "\n";
    return s;
  }
};
CLICK_ENDDECLS
#endif
