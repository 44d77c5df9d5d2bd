// -*- c++ -*-
// IPRouteTable: the shared implementation of LinearIPLookup, StaticIPLookup
// and RadixIPLookup (Click's IPRouteTable interface): route syntax, the
// table/lookup/add/remove/set/flush handlers, and push().
#ifndef NETSERV_IPROUTETABLE_HH
#define NETSERV_IPROUTETABLE_HH
#include <click/element.hh>
#include <click/ipaddress.hh>
CLICK_DECLS

struct IPRoute {
  IPAddress addr, mask, gw;
  int port = -1;
  int prefix_len() const { return mask.mask_to_prefix_len(); }
  bool contains(IPAddress a) const { return a.matches_prefix(addr, mask); }
  /** "ADDR/MASK\tGW\tPORT" (GW "-" if none), as Click's IPRoute::unparse with tabs. */
  String unparse() const;
};

class IPRouteTable : public Element {
 public:
  const char* port_count() const override { return "1/-"; }
  const char* processing() const override { return PUSH; }
  int configure(Vector<String>& conf, ErrorHandler* errh) override;
  void add_handlers() override;
  void push(int port, Packet* p) override;

  /** Longest-prefix lookup: returns the output port (or -1) and the gateway. */
  virtual int lookup_route(IPAddress dst, IPAddress& gw) const = 0;
  virtual int add_route(const IPRoute& r, bool allow_replace, IPRoute* replaced, ErrorHandler* errh) = 0;
  virtual int remove_route(const IPRoute& r, IPRoute* removed, ErrorHandler* errh) = 0;
  virtual String dump_routes() const = 0;
  virtual void flush_routes() = 0;
  /** StaticIPLookup refuses changes after configuration. */
  virtual bool mutable_table() const { return true; }

  int parse_route(const String& s, IPRoute& r, bool remove, ErrorHandler* errh) const;

 private:
  unsigned complaints_ = 0;
};

CLICK_ENDDECLS
#endif
