// -*- c++ -*-
// RadixTrie: a binary trie over IPv4 prefixes for RadixIPLookup. Lookup walks
// at most 32 nodes, remembering the deepest route seen (longest prefix).
// Nodes live in one vector (no per-lookup allocation); removal clears a
// node's route and leaves the path (tables change rarely).
#ifndef NETSERV_RADIXTRIE_HH
#define NETSERV_RADIXTRIE_HH
#include "linearroutes.hh"
CLICK_DECLS
class RadixTrie {
 public:
  RadixTrie() { nodes_.push_back(Node()); }
  int lookup(IPAddress dst, IPAddress& gw) const {
    uint32_t a = ntohl(dst.addr());
    int best = nodes_[0].route;
    int n = 0;
    for (int bit = 31; bit >= 0; --bit) {
      n = nodes_[n].child[(a >> bit) & 1];
      if (n < 0) break;
      if (nodes_[n].route >= 0) best = nodes_[n].route;
    }
    if (best < 0) return -1;
    gw = list_.routes[best].gw;
    return list_.routes[best].port;
  }
  int add(const IPRoute& r, bool replace, ErrorHandler* errh) {
    int plen = r.prefix_len();
    if (plen < 0) return errh->error("route '%s': RadixIPLookup needs a prefix mask", r.unparse().c_str());
    if (list_.add(r, replace, errh) < 0) return -EINVAL;
    rebuild();
    return 0;
  }
  int remove(const IPRoute& r, ErrorHandler* errh) {
    if (list_.remove(r, errh) < 0) return -EINVAL;
    rebuild();
    return 0;
  }
  void clear() { list_.routes.clear(); rebuild(); }
  String dump() const { return list_.dump(); }
 private:
  struct Node { int child[2] = {-1, -1}; int route = -1; };
  Vector<Node> nodes_;
  LinearRoutes list_;   // routes in insertion order; trie nodes index into it
  void rebuild() {
    nodes_.assign(1, Node());
    for (size_t i = 0; i < list_.routes.size(); ++i) {
      const IPRoute& r = list_.routes[i];
      uint32_t a = ntohl(r.addr.addr());
      int plen = r.prefix_len(), n = 0;
      for (int d = 0; d < plen; ++d) {
        int b = (a >> (31 - d)) & 1;
        if (nodes_[n].child[b] < 0) { nodes_[n].child[b] = int(nodes_.size()); nodes_.push_back(Node()); }
        n = nodes_[n].child[b];
      }
      nodes_[n].route = int(i);
    }
  }
};
CLICK_ENDDECLS
#endif
