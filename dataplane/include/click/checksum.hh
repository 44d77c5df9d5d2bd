// -*- c++ -*-
// Internet checksum (RFC 1071), as Click's click_in_cksum.
#ifndef NETSERV_CLICK_CHECKSUM_HH
#define NETSERV_CLICK_CHECKSUM_HH
#include <click/glue.hh>
CLICK_DECLS
/** One's-complement checksum of [data, data+len); returns it in network byte
 *  order, ready to store in a header (0 when verifying a correct header). */
uint16_t click_in_cksum(const unsigned char* data, int len);
/** Partial sum (not complemented) for chaining. */
uint32_t click_in_cksum_partial(const unsigned char* data, int len, uint32_t sum = 0);
/** Folds a 32-bit partial sum and complements it. */
uint16_t click_in_cksum_fold(uint32_t sum);
/** TCP/UDP checksum over an IPv4 pseudo-header + segment (src/dst in network order). */
uint16_t click_in_cksum_pseudohdr(uint32_t data_sum, uint32_t src, uint32_t dst, int proto, int len);
/** RFC 1624 incremental update of a stored checksum when a 16-bit word
 *  changes from old_hw to new_hw (both as stored in the packet), exactly as
 *  Click's click_update_in_cksum. */
inline void click_update_in_cksum(uint16_t* csum, uint16_t old_hw, uint16_t new_hw) {
  uint32_t sum = (~uint32_t(*csum) & 0xFFFF) + (~uint32_t(old_hw) & 0xFFFF) + new_hw;
  sum = (sum & 0xFFFF) + (sum >> 16);
  *csum = uint16_t(~(sum + (sum >> 16)));
}
CLICK_ENDDECLS
#endif
