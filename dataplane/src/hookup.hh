// -*- c++ -*-
// Hookup: Click's connection checks, run by Router::build after the elements
// are instantiated and before they are configured, in Click's order:
//   check_hookup_range()        port counts ("1/1", "1/-", "-/=", ...) from the
//                               connections; every connection names a real port
//   resolve_processing()        push/pull of agnostic ports, through the
//                               connections and each element's flow code
//   check_hookup_completeness() wires the ports; a push output or pull input is
//                               used once, no port is left unconnected
// Each returns 0, or -EINVAL after reporting Click-style errors at the
// connection's or element's landmark.
#ifndef NETSERV_CLICK_HOOKUP_HH
#define NETSERV_CLICK_HOOKUP_HH
#include <click/router.hh>
#include <click/lexer.hh>
CLICK_DECLS

/** Splits a "inputs/outputs" code (port count, processing, flow); a code
 *  without '/' applies to both sides. */
void split_port_code(const String& code, String& in, String& out);
/** The processing code of `port` on one side: 'h' push, 'l' pull, 'a' agnostic
 *  (the last character repeats for higher ports). */
char processing_code(const String& side, int port);

class Hookup {
 public:
  Hookup(Router& router, const Vector<FlatConnection>& connections, ErrorHandler* errh)
      : router_(router), connections_(connections), errh_(errh), n_(router.nelements()) {}
  int check_hookup_range();
  int resolve_processing();
  int check_hookup_completeness();

 private:
  Element* element(int i) const { return router_.element(i); }
  const String& landmark(size_t k) const { return connections_[k].landmark; }
  void resolve_port_counts(Element* e, int nin, int nout);
  bool flows(int i, int in, int out) const;
  bool propagate_through_connections();
  int propagate_through_elements(bool& changed);
  void wire(Element* from, int from_port, Element* to, int to_port, bool push);

  Router& router_;
  const Vector<FlatConnection>& connections_;
  ErrorHandler* errh_;
  int n_;
  Vector<Vector<char>> ip_, op_;   // per element and port: 'h', 'l' or 'a'
};

CLICK_ENDDECLS
#endif
