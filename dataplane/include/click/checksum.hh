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
CLICK_ENDDECLS
#endif
