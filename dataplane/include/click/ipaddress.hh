// -*- c++ -*-
// IPv4 address value (network byte order inside), as Click's IPAddress.
#ifndef NETSERV_CLICK_IPADDRESS_HH
#define NETSERV_CLICK_IPADDRESS_HH
#include <click/glue.hh>
#include <netinet/in.h>
CLICK_DECLS

class IPAddress {
 public:
  IPAddress() : addr_(0) {}
  /** From a network-byte-order word. */
  explicit IPAddress(uint32_t network_order) : addr_(network_order) {}
  IPAddress(struct in_addr a) : addr_(a.s_addr) {}
  explicit IPAddress(const unsigned char* bytes);
  static IPAddress make_prefix(int prefix_len);  // 0..32 -> mask
  static IPAddress make_broadcast() { return IPAddress(0xFFFFFFFFU); }

  uint32_t addr() const { return addr_; }
  operator uint32_t() const { return addr_; }
  struct in_addr in_addr() const { struct in_addr a; a.s_addr = addr_; return a; }
  const unsigned char* data() const { return reinterpret_cast<const unsigned char*>(&addr_); }
  bool empty() const { return addr_ == 0; }
  /** Prefix length if this is a contiguous mask, else -1. */
  int mask_to_prefix_len() const;
  bool matches_prefix(IPAddress addr, IPAddress mask) const { return ((addr_ ^ addr.addr_) & mask.addr_) == 0; }
  bool mask_as_specific(IPAddress mask) const { return (addr_ & mask.addr_) == mask.addr_; }
  String unparse() const;
  String unparse_mask() const;                        // "24" if contiguous, else dotted
  String unparse_with_mask(IPAddress mask) const;     // "10.0.0.0/8"
  friend bool operator==(IPAddress a, IPAddress b) { return a.addr_ == b.addr_; }
  friend bool operator!=(IPAddress a, IPAddress b) { return a.addr_ != b.addr_; }
  IPAddress operator&(IPAddress o) const { return IPAddress(addr_ & o.addr_); }
  IPAddress operator|(IPAddress o) const { return IPAddress(addr_ | o.addr_); }
  IPAddress operator~() const { return IPAddress(~addr_); }
 private:
  uint32_t addr_;
};

CLICK_ENDDECLS
#endif
