// PortInfo. See portinfo.hh.
#include "portinfo.hh"
#include <click/confparse.hh>
#include <click/router.hh>
#include <arpa/inet.h>
#include <cstring>
#include "../classify/names.hh"
CLICK_DECLS

void* PortInfo::cast(const char* n) {
  if (strcmp(n, "PortInfo") == 0) return this;
  return Element::cast(n);
}

int PortInfo::configure(Vector<String>& conf, ErrorHandler* errh) {
  std::map<String, Entry> names;
  int errors = 0;
  for (const String& arg : conf) {
    Vector<String> words;
    cp_spacevec(arg, words);
    if (words.empty() || words[0][0] == '#') continue;
    if (words.size() < 2) { errh->error("expected 'NAME PORT/PROTO', got '%s'", arg.c_str()); ++errors; continue; }
    const String& ps = words[1];
    char* end;
    unsigned long port = strtoul(ps.c_str(), &end, 0);
    bool tcp = true, udp = true;
    if (end == ps.c_str() || port > 0xFFFF || (*end && *end != '/')) {
      errh->error("expected 'NAME PORT/PROTO', got '%s'", arg.c_str());
      ++errors;
      continue;
    }
    if (*end == '/') {
      if (strcmp(end, "/tcp") == 0) udp = false;
      else if (strcmp(end, "/udp") == 0) tcp = false;
      else continue;   // another protocol: not a port Click elements ask about
    }
    for (size_t i = 0; i < words.size(); i = (i == 0 ? 2 : i + 1)) {
      if (words[i][0] == '#') break;
      Entry& e = names[words[i]];
      if (!e.tcp && !e.udp) e = Entry{uint16_t(port), tcp, udp};
      else if (e.port == port) { e.tcp |= tcp; e.udp |= udp; }
    }
  }
  if (errors) return -EINVAL;
  names_ = names;
  return 0;
}

bool PortInfo::lookup(const Element* context, const String& name, const char* proto, uint16_t& port) {
  char* end;
  unsigned long v = strtoul(name.c_str(), &end, 0);
  if (!name.empty() && !*end) {
    if (v > 0xFFFF) return false;
    port = uint16_t(v);
    return true;
  }
  bool tcp = strcmp(proto, "tcp") == 0;
  if (context && context->router()) {
    String scope = context->compound_prefix();
    const Entry* best = nullptr;
    size_t best_len = 0;
    Router* r = context->router();
    for (int i = 0; i < r->nelements(); ++i) {
      auto* pi = static_cast<PortInfo*>(r->element(i)->cast("PortInfo"));
      if (!pi) continue;
      String prefix = pi->compound_prefix();
      if (scope.compare(0, prefix.size(), prefix) != 0 || (best && prefix.size() < best_len)) continue;
      auto it = pi->names_.find(name);
      if (it != pi->names_.end() && (tcp ? it->second.tcp : it->second.udp)) {
        best = &it->second;
        best_len = prefix.size();
      }
    }
    if (best) { port = best->port; return true; }
  }
  // Click's built-in table (ssh, www, ...) and /etc/services
  auto db = tcp ? classify::names::Db::TcpPort : classify::names::Db::UdpPort;
  if (auto v = classify::names::lookup(db, name)) {
    port = uint16_t(*v);
    return true;
  }
  return false;
}

EXPORT_ELEMENT(PortInfo)
CLICK_ENDDECLS
