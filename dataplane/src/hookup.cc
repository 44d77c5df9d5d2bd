// Hookup: port counts, push/pull resolution, port wiring. See hookup.hh.
#include "hookup.hh"
#include <algorithm>
#include <cerrno>
#include <climits>
CLICK_DECLS

void split_port_code(const String& code, String& in, String& out) {
  size_t slash = code.find('/');
  in = slash == String::npos ? code : code.substr(0, slash);
  out = slash == String::npos ? code : code.substr(slash + 1);
}

char processing_code(const String& side, int port) {
  if (side.empty()) return 'a';
  char c = port < int(side.size()) ? side[port] : side.back();
  return c == 'h' ? 'h' : c == 'l' ? 'l' : 'a';
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
const char* push_or_pull(char c) { return c == 'h' ? "push" : "pull"; }
}  // namespace

// ---- port counts ----

// nin/nout: one more than the highest port the connections use.
void Hookup::resolve_port_counts(Element* e, int nin, int nout) {
  String is, os;
  split_port_code(e->port_count(), is, os);
  PortRange ir{0, 0}, orr{0, 0};
  bool ieq, oeq;
  int iplus, oplus;
  parse_side(is, ir, ieq, iplus);
  parse_side(os, orr, oeq, oplus);
  if (oeq) {  // "=": as many outputs as inputs ("=+": one more)
    orr.lo = std::max(ir.lo, nin) + oplus;
    orr.hi = (nin > ir.lo ? nin : ir.lo) + oplus;
    if (ir.hi == INT_MAX && nin < nout - oplus) orr.hi = orr.lo = std::max(nin, nout - oplus) + oplus;
  }
  if (ieq) { ir.lo = std::max(orr.lo, nout) + iplus; ir.hi = ir.lo; }
  int ni = std::max(nin, ir.lo), no = std::max(nout, orr.lo);
  if (oeq) no = std::max(no, std::max(nin, ir.lo) + oplus);
  if (ieq) ni = std::max(ni, no + iplus);
  // too many connections: keep the allowed count, the range check below reports the rest
  if (nin > ir.hi && !ieq) ni = ir.hi;
  if (nout > orr.hi && !oeq) no = orr.hi;
  e->inputs_.resize(ni);
  e->outputs_.resize(no);
}

int Hookup::check_hookup_range() {
  Vector<int> nin(n_, 0), nout(n_, 0);
  for (auto& c : connections_) {
    nout[c.from] = std::max(nout[c.from], c.from_port + 1);
    nin[c.to] = std::max(nin[c.to], c.to_port + 1);
  }
  for (int i = 0; i < n_; ++i) resolve_port_counts(element(i), nin[i], nout[i]);
  bool ok = true;
  for (size_t k = 0; k < connections_.size(); ++k) {
    auto& c = connections_[k];
    Element* from = element(c.from);
    Element* to = element(c.to);
    if (c.from_port >= from->noutputs()) {
      errh_->lerror(landmark(k), "'%s' has no output %d", from->name().c_str(), c.from_port);
      ok = false;
    }
    if (c.to_port >= to->ninputs()) {
      errh_->lerror(landmark(k), "'%s' has no input %d", to->name().c_str(), c.to_port);
      ok = false;
    }
  }
  return ok ? 0 : -EINVAL;
}

// ---- push/pull ----

// Flow code: "x/x" is complete; otherwise an input flows to an output when
// their letters match ('#' matches every letter).
bool Hookup::flows(int i, int in, int out) const {
  String fcode = element(i)->flow_code();
  size_t slash = fcode.find('/');
  if (slash == String::npos) return true;
  String fi = fcode.substr(0, slash), fo = fcode.substr(slash + 1);
  if (fi.empty() || fo.empty()) return true;
  char a = in < int(fi.size()) ? fi[in] : fi.back();
  char b = out < int(fo.size()) ? fo[out] : fo.back();
  return a == b || a == '#' || b == '#';
}

// An agnostic port takes the processing of the port it is connected to.
bool Hookup::propagate_through_connections() {
  bool changed = false;
  for (auto& c : connections_) {
    char& o = op_[c.from][c.from_port];
    char& in = ip_[c.to][c.to_port];
    if (o == 'a' && in != 'a') { o = in; changed = true; }
    else if (in == 'a' && o != 'a') { in = o; changed = true; }
  }
  return changed;
}

// Inside an element, an agnostic input and an agnostic output that the flow
// code links take the same processing; both resolved differently is an error.
int Hookup::propagate_through_elements(bool& changed) {
  for (int i = 0; i < n_; ++i) {
    Element* e = element(i);
    String is, os;
    split_port_code(e->processing(), is, os);
    for (int a = 0; a < e->ninputs(); ++a)
      for (int b = 0; b < e->noutputs(); ++b) {
        if (processing_code(is, a) != 'a' || processing_code(os, b) != 'a' || !flows(i, a, b)) continue;
        char& in = ip_[i][a];
        char& out = op_[i][b];
        if (in != 'a' && out == 'a') { out = in; changed = true; }
        else if (out != 'a' && in == 'a') { in = out; changed = true; }
        else if (in != 'a' && out != 'a' && in != out) {
          errh_->lerror(e->landmark(), "agnostic '%s' in mixed context: %s input %d, %s output %d",
                        e->declaration().c_str(), push_or_pull(in), a, push_or_pull(out), b);
          return -EINVAL;
        }
      }
  }
  return 0;
}

int Hookup::resolve_processing() {
  ip_.assign(n_, Vector<char>());
  op_.assign(n_, Vector<char>());
  for (int i = 0; i < n_; ++i) {
    String is, os;
    split_port_code(element(i)->processing(), is, os);
    for (int p = 0; p < element(i)->ninputs(); ++p) ip_[i].push_back(processing_code(is, p));
    for (int p = 0; p < element(i)->noutputs(); ++p) op_[i].push_back(processing_code(os, p));
  }
  bool changed = true;
  while (changed) {
    changed = propagate_through_connections();
    if (propagate_through_elements(changed) < 0) return -EINVAL;
  }
  // what is still agnostic is push, as in Click
  for (int i = 0; i < n_; ++i) {
    for (auto& c : ip_[i]) if (c == 'a') c = 'h';
    for (auto& c : op_[i]) if (c == 'a') c = 'h';
  }
  bool ok = true;
  for (size_t k = 0; k < connections_.size(); ++k) {
    auto& c = connections_[k];
    char o = op_[c.from][c.from_port], in = ip_[c.to][c.to_port];
    if (o != in) {
      errh_->lerror(landmark(k), "'%s' %s output %d connected to '%s' %s input %d",
                    element(c.from)->declaration().c_str(), push_or_pull(o), c.from_port,
                    element(c.to)->declaration().c_str(), push_or_pull(in), c.to_port);
      ok = false;
    }
  }
  if (!ok) return -EINVAL;
  for (int i = 0; i < n_; ++i) {
    Element* e = element(i);
    e->input_push_.assign(e->ninputs(), false);
    e->output_push_.assign(e->noutputs(), false);
    for (int p = 0; p < e->ninputs(); ++p) e->input_push_[p] = ip_[i][p] == 'h';
    for (int p = 0; p < e->noutputs(); ++p) e->output_push_[p] = op_[i][p] == 'h';
  }
  return 0;
}

// ---- wiring ----

// The calling side of a connection is active: the output for push, the input for pull.
void Hookup::wire(Element* from, int from_port, Element* to, int to_port, bool push) {
  Element::Port& out = from->outputs_[from_port];
  out.e_ = to; out.port_ = to_port; out.active_ = push;
  Element::Port& in = to->inputs_[to_port];
  in.e_ = from; in.port_ = from_port; in.active_ = !push;
}

int Hookup::check_hookup_completeness() {
  bool ok = true;
  Vector<Vector<int>> in_use(n_), out_use(n_);
  for (int i = 0; i < n_; ++i) {
    in_use[i].assign(element(i)->ninputs(), 0);
    out_use[i].assign(element(i)->noutputs(), 0);
  }
  for (size_t k = 0; k < connections_.size(); ++k) {
    auto& c = connections_[k];
    Element* from = element(c.from);
    Element* to = element(c.to);
    ++out_use[c.from][c.from_port];
    ++in_use[c.to][c.to_port];
    bool push = from->output_is_push(c.from_port);
    if (push && out_use[c.from][c.from_port] > 1) {
      // Click's wording, at the element's declaration
      errh_->lerror(from->landmark(), "illegal reuse of '%s' push output %d", from->declaration().c_str(), c.from_port);
      ok = false;
    }
    if (!push && in_use[c.to][c.to_port] > 1) {
      errh_->lerror(to->landmark(), "illegal reuse of '%s' pull input %d", to->declaration().c_str(), c.to_port);
      ok = false;
    }
    wire(from, c.from_port, to, c.to_port, push);
  }
  for (int i = 0; i < n_; ++i) {
    Element* e = element(i);
    for (int p = 0; p < e->ninputs(); ++p)
      if (!in_use[i][p]) { errh_->lerror(e->landmark(), "'%s' input %d unused", e->declaration().c_str(), p); ok = false; }
    for (int p = 0; p < e->noutputs(); ++p)
      if (!out_use[i][p]) { errh_->lerror(e->landmark(), "'%s' output %d unused", e->declaration().c_str(), p); ok = false; }
  }
  return ok ? 0 : -EINVAL;
}

CLICK_ENDDECLS
