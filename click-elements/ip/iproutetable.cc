// IPRouteTable. See iproutetable.hh.
#include "iproutetable.hh"
#include <click/args.hh>
#include <click/confparse.hh>
CLICK_DECLS

String IPRoute::unparse() const {
  return addr.unparse_with_mask(mask) + "\t" + (gw.empty() ? String("-") : gw.unparse()) + "\t" + std::to_string(port);
}

// "ADDR/MASK [GW] OUTPUT"; for removal OUTPUT (and GW) may be omitted.
int IPRouteTable::parse_route(const String& s, IPRoute& r, bool remove, ErrorHandler* errh) const {
  Vector<String> words;
  cp_spacevec(cp_uncomment(s), words);
  ArgContext ctx(this, errh);
  if (words.empty() || words.size() > 3) return errh->error("expected 'ADDR/MASK [GATEWAY] OUTPUT'");
  if (!IPPrefixArg(true).parse(words[0], r.addr, r.mask, ctx)) return errh->error("bad route '%s': expected ADDR/MASK", s.c_str());
  r.addr = r.addr & r.mask;
  r.gw = IPAddress();
  r.port = -1;
  if (words.size() == 3) {
    if (!IPAddressArg().parse(words[1], r.gw, ctx)) return errh->error("bad route '%s': bad gateway", s.c_str());
    if (!IntArg().parse(words[2], r.port, ctx)) return errh->error("bad route '%s': bad output", s.c_str());
  } else if (words.size() == 2) {
    if (!IntArg().parse(words[1], r.port, ctx)) {
      if (remove && IPAddressArg().parse(words[1], r.gw, ctx)) return 0;
      return errh->error("bad route '%s': expected 'ADDR/MASK [GATEWAY] OUTPUT'", s.c_str());
    }
  } else if (!remove)
    return errh->error("bad route '%s': missing OUTPUT", s.c_str());
  if (!remove && (r.port < 0 || r.port >= noutputs())) return errh->error("bad route '%s': output %d out of range", s.c_str(), r.port);
  return 0;
}

int IPRouteTable::configure(Vector<String>& conf, ErrorHandler* errh) {
  int before = errh->nerrors();
  for (auto& a : conf) {
    if (cp_trim(a).empty()) continue;
    IPRoute r;
    if (parse_route(a, r, false, errh) >= 0) add_route(r, false, nullptr, errh);
  }
  return errh->nerrors() == before ? 0 : -EINVAL;
}

void IPRouteTable::push(int, Packet* p) {
  IPAddress gw;
  int port = lookup_route(p->dst_ip_anno(), gw);
  if (port >= 0 && port < noutputs()) {
    if (!gw.empty()) p->set_dst_ip_anno(gw);
    output(port).push(p);
  } else {
    if (++complaints_ <= 5) click_chatter("%s: no route for %s", name().c_str(), p->dst_ip_anno().unparse().c_str());
    p->kill();
  }
}

void IPRouteTable::add_handlers() {
  add_read_handler("table", [this]() { return dump_routes(); });
  add_read_param_handler("lookup", [this](const String& param, ErrorHandler* errh) -> String {
    IPAddress a, gw;
    if (!IPAddressArg().parse(cp_trim(param), a, ArgContext(this, errh))) { errh->error("expected IP address"); return String(); }
    int port = lookup_route(a, gw);
    if (port < 0) return "-1";
    return std::to_string(port) + (gw.empty() ? String() : " " + gw.unparse());
  });
  if (!mutable_table()) return;
  add_write_handler("add", [this](const String& s, ErrorHandler* errh) -> int {
    IPRoute r;
    if (parse_route(s, r, false, errh) < 0) return -EINVAL;
    return add_route(r, false, nullptr, errh);
  });
  add_write_handler("set", [this](const String& s, ErrorHandler* errh) -> int {
    IPRoute r;
    if (parse_route(s, r, false, errh) < 0) return -EINVAL;
    return add_route(r, true, nullptr, errh);
  });
  add_write_handler("remove", [this](const String& s, ErrorHandler* errh) -> int {
    IPRoute r;
    if (parse_route(s, r, true, errh) < 0) return -EINVAL;
    return remove_route(r, nullptr, errh);
  });
  add_write_handler("ctrl", [this](const String& s, ErrorHandler* errh) -> int {
    String rest = cp_uncomment(s);
    String cmd = cp_shift_spacevec(rest);
    IPRoute r;
    if (cmd == "add" || cmd == "set") {
      if (parse_route(rest, r, false, errh) < 0) return -EINVAL;
      return add_route(r, cmd == "set", nullptr, errh);
    } else if (cmd == "remove") {
      if (parse_route(rest, r, true, errh) < 0) return -EINVAL;
      return remove_route(r, nullptr, errh);
    }
    return errh->error("bad command '%s', expected add, set, or remove", cmd.c_str());
  });
  add_write_handler("flush", [this](const String&, ErrorHandler*) { flush_routes(); return 0; }, Handler::f_button);
}

CLICK_ENDDECLS
