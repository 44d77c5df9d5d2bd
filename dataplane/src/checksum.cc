// Internet checksum (RFC 1071).
#include <click/checksum.hh>
#include <arpa/inet.h>
CLICK_DECLS
uint32_t click_in_cksum_partial(const unsigned char* p, int len, uint32_t sum) {
  while (len > 1) { sum += (uint32_t(p[0]) << 8) | p[1]; p += 2; len -= 2; }
  if (len == 1) sum += uint32_t(p[0]) << 8;
  return sum;
}
uint16_t click_in_cksum_fold(uint32_t sum) {
  while (sum >> 16) sum = (sum & 0xFFFF) + (sum >> 16);
  return htons(uint16_t(~sum & 0xFFFF));
}
uint16_t click_in_cksum(const unsigned char* data, int len) {
  return click_in_cksum_fold(click_in_cksum_partial(data, len));
}
uint16_t click_in_cksum_pseudohdr(uint32_t data_sum, uint32_t src, uint32_t dst, int proto, int len) {
  uint32_t s = data_sum;
  uint32_t hs = ntohl(src), hd = ntohl(dst);
  s += (hs >> 16) + (hs & 0xFFFF) + (hd >> 16) + (hd & 0xFFFF) + uint32_t(proto) + uint32_t(len);
  return click_in_cksum_fold(s);
}
CLICK_ENDDECLS
