// -*- c++ -*-
// 48-bit Ethernet address, as Click's EtherAddress.
#ifndef NETSERV_CLICK_ETHERADDRESS_HH
#define NETSERV_CLICK_ETHERADDRESS_HH
#include <click/glue.hh>
#include <cstring>
CLICK_DECLS

class EtherAddress {
 public:
  EtherAddress() { std::memset(a_, 0, 6); }
  explicit EtherAddress(const unsigned char* bytes) { std::memcpy(a_, bytes, 6); }
  static EtherAddress make_broadcast() { EtherAddress e; std::memset(e.a_, 0xFF, 6); return e; }
  const unsigned char* data() const { return a_; }
  unsigned char* data() { return a_; }
  bool is_group() const { return a_[0] & 1; }
  bool is_broadcast() const { return (a_[0] & a_[1] & a_[2] & a_[3] & a_[4] & a_[5]) == 0xFF; }
  bool is_zero() const { return (a_[0] | a_[1] | a_[2] | a_[3] | a_[4] | a_[5]) == 0; }
  /** "00-11-22-33-44-55" (Click's unparse) */
  String unparse() const;
  /** "00:11:22:33:44:55" */
  String unparse_colon() const;
  friend bool operator==(const EtherAddress& a, const EtherAddress& b) { return std::memcmp(a.a_, b.a_, 6) == 0; }
  friend bool operator!=(const EtherAddress& a, const EtherAddress& b) { return !(a == b); }
 private:
  unsigned char a_[6];
};

CLICK_ENDDECLS
#endif
