// -*- c++ -*-
// Hot swapping (the "hotconfig" handler): building a new router while the old
// one runs, then handing over the state Click hands over.
//
//   std::unique_ptr<Router> nr = hotswap_make(old, text, landmark, defines, errh);
//
// While the new router is made, elements that own something only one router
// can hold (a listening channel socket, the tap device, a packet ring, the
// /click mount) see HotSwap::pending(key) true in initialize() and skip
// acquiring it. Once the new router has initialized without error, each new
// element whose key matches an old element of the same class gets
// take_state(old): it moves the old element's descriptors, queued packets and
// counters into itself; the old element is left with nothing to close. If the
// new router fails, nothing has moved and the old router keeps running.
#ifndef NETSERV_HOTSWAP_HH
#define NETSERV_HOTSWAP_HH
#include <click/element.hh>
#include <map>
#include <memory>
CLICK_DECLS
class Router;

/** Implemented by elements that keep state across hotconfig; returned by
 *  Element::cast("HotSwappable"). */
class HotSwappable {
 public:
  virtual ~HotSwappable() = default;
  /** Identifies the resource, e.g. "channel:/run/netserv/dev/fromclick0". */
  virtual String hotswap_key() const = 0;
  /** Called on the new element after the new router initialized. */
  virtual void take_state(Element* old, ErrorHandler* errh) = 0;
};

class HotSwap {
 public:
  /** True while a new router is being made and an old element holds `key`. */
  static bool pending(const String& key);
  static HotSwappable* of(Element* e) { return static_cast<HotSwappable*>(e->cast("HotSwappable")); }
};

/** Makes a router from `text` to replace `old` (see above). Null on failure,
 *  with Click-style errors in errh; `old` is then untouched. */
std::unique_ptr<Router> hotswap_make(Router* old, const String& text, const String& landmark,
                                     const std::map<String, String>& defines, ErrorHandler* errh);
/** Destroys the replaced router once it has stopped running, keeping the new
 *  router's UNIX ControlSocket paths out of the old one's cleanup. */
void hotswap_retire(std::unique_ptr<Router> old);
CLICK_ENDDECLS
#endif
