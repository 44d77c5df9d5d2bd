// StrideSched. See stridesched.hh.
#include "stridesched.hh"
#include <click/confparse.hh>
#include <algorithm>
CLICK_DECLS

namespace {
bool pass_gt(uint32_t a, uint32_t b) { return int32_t(a - b) > 0; }   // passes wrap around
}

// before the first input whose pass is not smaller (so a restridden input goes ahead of ties)
void StrideSched::insert(int i) {
  auto at = std::find_if(order_.begin(), order_.end(), [&](int x) { return !pass_gt(clients_[i].pass, clients_[x].pass); });
  order_.insert(at, i);
}

int StrideSched::configure(Vector<String>& conf, ErrorHandler* errh) {
  if (int(conf.size()) != ninputs()) return errh->error("need %d arguments, one per input port", ninputs());
  clients_.assign(conf.size(), Client());
  order_.clear();
  for (size_t i = 0; i < conf.size(); ++i) {
    String t = cp_uncomment(conf[i]);
    char* end;
    long v = strtol(t.c_str(), &end, 10);
    if (t.empty() || *end) { errh->error("argument %d should be number of tickets (integer)", int(i)); continue; }
    if (v < 0) { errh->error("argument %d (number of tickets) must be >= 0", int(i)); continue; }
    if (v > MAX_TICKETS) { errh->warning("input %d's tickets reduced to %d", int(i), int(MAX_TICKETS)); v = MAX_TICKETS; }
    Client& c = clients_[i];
    c.tickets = int(v);
    c.stride = v ? STRIDE1 / uint32_t(v) : 0;
    c.pass = c.stride;
  }
  if (errh->nerrors()) return -EINVAL;
  // inserted last to first so equal passes run in input order
  for (int i = int(conf.size()) - 1; i >= 0; --i) if (clients_[i].tickets) insert(i);
  return 0;
}

Packet* StrideSched::pull(int) {
  size_t k = 0;
  Packet* p = nullptr;
  for (; k < order_.size() && !p; ++k) {
    int i = order_[k];
    EmptyNotifier* n = upstream_notifier(this, i);
    if (!n || n->notifier_active()) p = input(i).pull();
    clients_[i].pass += clients_[i].stride;
  }
  std::vector<int> stridden(order_.begin(), order_.begin() + k);
  order_.erase(order_.begin(), order_.begin() + k);
  for (int i : stridden) insert(i);
  return p;
}

int StrideSched::set_tickets(int i, const String& text, ErrorHandler* errh) {
  String t = cp_uncomment(text);
  char* end;
  long v = strtol(t.c_str(), &end, 10);
  if (t.empty() || *end) return errh->error("tickets value must be integer");
  if (v < 0) return errh->error("number of tickets must be >= 0");
  if (v > MAX_TICKETS) { errh->warning("port %d's tickets reduced to %d", i, int(MAX_TICKETS)); v = MAX_TICKETS; }
  Client& c = clients_[i];
  int old = c.tickets;
  c.tickets = int(v);
  c.stride = v ? STRIDE1 / uint32_t(v) : 0;
  if (!v && old) order_.erase(std::find(order_.begin(), order_.end(), i));
  else if (v && !old) {
    c.pass = (order_.empty() ? 0 : clients_[order_[0]].pass) + c.stride;
    insert(i);
  }
  return 0;
}

void StrideSched::add_handlers() {
  for (int i = 0; i < int(clients_.size()); ++i) {
    add_read_handler("tickets" + std::to_string(i), [this, i]() { return std::to_string(clients_[i].tickets); });
    add_write_handler("tickets" + std::to_string(i), [this, i](const String& d, ErrorHandler* errh) { return set_tickets(i, d, errh); });
  }
  add_read_handler("config", [this]() {
    String s;
    for (size_t i = 0; i < clients_.size(); ++i) s += (i ? ", " : "") + std::to_string(clients_[i].tickets);
    return s;
  });
}

EXPORT_ELEMENT(StrideSched)
CLICK_ENDDECLS
