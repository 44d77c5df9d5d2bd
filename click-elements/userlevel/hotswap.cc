// Hot swapping. See hotswap.hh.
#include "hotswap.hh"
#include <click/router.hh>
#include <cstdio>
#include <cstring>
#include <sys/stat.h>
#include <unistd.h>
CLICK_DECLS

namespace {
std::map<String, Element*>* g_pending = nullptr;

// ControlSocket (UNIX) binds its path without unlinking and unlinks it when
// it closes. To let the new router's ControlSocket bind, the old one's socket
// file is moved aside (its listener keeps serving connections already open,
// like the one that wrote hotconfig); when the old router is destroyed, the
// new file is moved aside for the moment of the old unlink() and back.
struct MovedPath { String path, aside; };
std::map<Router*, Vector<MovedPath>> g_moved;

String control_socket_path(Router* r, Element* e) {
  if (strcmp(e->class_name(), "ControlSocket") != 0) return String();
  String conf = e->configuration();
  if (conf.compare(0, 4, "UNIX") != 0 && conf.compare(0, 6, "\"UNIX\"") != 0) return String();
  String v;
  if (r->handler_read(e->name() + ".port", v, ErrorHandler::silent_handler()) < 0) return String();
  while (!v.empty() && (v.back() == '\n' || v.back() == ' ')) v.pop_back();
  return v;
}
}  // namespace

bool HotSwap::pending(const String& key) { return g_pending && g_pending->count(key); }

std::unique_ptr<Router> hotswap_make(Router* old, const String& text, const String& landmark,
                                     const std::map<String, String>& defines, ErrorHandler* errh) {
  std::map<String, Element*> pending;
  Vector<MovedPath> moved;
  for (int i = 0; i < old->nelements(); ++i) {
    Element* e = old->element(i);
    if (HotSwappable* hs = HotSwap::of(e)) {
      String k = hs->hotswap_key();
      if (!k.empty()) pending[String(e->class_name()) + "|" + k] = e;
    }
    String p = control_socket_path(old, e);
    if (!p.empty()) {
      String aside = p + ".hotswap-" + std::to_string(getpid());
      if (rename(p.c_str(), aside.c_str()) == 0) moved.push_back({p, aside});
    }
  }
  // pending() is asked with the bare key; keep a key-only view too
  std::map<String, Element*> bykey;
  for (auto& kv : pending) bykey[kv.first.substr(kv.first.find('|') + 1)] = kv.second;
  g_pending = &bykey;
  std::unique_ptr<Router> nr = Router::make(text, landmark, defines, errh);
  g_pending = nullptr;
  if (!nr) {
    for (auto& m : moved) rename(m.aside.c_str(), m.path.c_str());
    return nullptr;
  }
  for (int i = 0; i < nr->nelements(); ++i) {
    Element* e = nr->element(i);
    HotSwappable* hs = HotSwap::of(e);
    if (!hs) continue;
    auto it = pending.find(String(e->class_name()) + "|" + hs->hotswap_key());
    if (it != pending.end()) hs->take_state(it->second, errh);
  }
  // an old element whose key the new router used under another class: nothing
  // moved; the new element skipped acquiring and would be left without it
  g_moved[old] = moved;
  return nr;
}

void hotswap_retire(std::unique_ptr<Router> old) {
  Router* key = old.get();
  auto it = g_moved.find(key);
  Vector<MovedPath> moved;
  if (it != g_moved.end()) { moved = it->second; g_moved.erase(it); }
  // The old ControlSocket unlinks its path on cleanup: let it unlink its own
  // old file (put back under the path) while the new one waits aside.
  Vector<std::pair<String, String>> restore;
  for (auto& m : moved) {
    String fresh_aside = m.path + ".hotswap-new";
    if (rename(m.path.c_str(), fresh_aside.c_str()) == 0) restore.push_back({fresh_aside, m.path});
    rename(m.aside.c_str(), m.path.c_str());
  }
  old.reset();
  for (auto& r : restore) rename(r.first.c_str(), r.second.c_str());
}

CLICK_ENDDECLS
