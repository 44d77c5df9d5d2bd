// -*- c++ -*-
// MD5 (RFC 1321) for ToIPSummaryDump's payload_md5 / payload_md5_hex fields,
// and Click's 22-character "text digest" form of it.
#ifndef NETSERV_ANALYSIS_MD5_HH
#define NETSERV_ANALYSIS_MD5_HH
#include <click/glue.hh>
#include <cmath>
#include <cstdint>
#include <cstring>
CLICK_DECLS
namespace md5 {

inline void digest(const unsigned char* data, size_t len, unsigned char out[16]) {
  static const int shift[64] = {7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22,
                                5, 9,  14, 20, 5, 9,  14, 20, 5, 9,  14, 20, 5, 9,  14, 20,
                                4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23,
                                6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21};
  static uint32_t k[64];
  static bool init = false;
  if (!init) {   // K[i] = floor(|sin(i + 1)| * 2^32)
    for (int i = 0; i < 64; ++i) k[i] = uint32_t(std::floor(std::fabs(std::sin(double(i + 1))) * 4294967296.0));
    init = true;
  }
  uint32_t h[4] = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476};
  // message + 0x80 + zeros + 64-bit little-endian bit length, in 64-byte blocks
  size_t total = ((len + 8) / 64 + 1) * 64;
  String m(total, '\0');
  memcpy(&m[0], data, len);
  m[len] = char(0x80);
  uint64_t bits = uint64_t(len) * 8;
  for (int i = 0; i < 8; ++i) m[total - 8 + i] = char(bits >> (8 * i));
  for (size_t off = 0; off < total; off += 64) {
    uint32_t w[16];
    for (int i = 0; i < 16; ++i) {
      const unsigned char* b = reinterpret_cast<const unsigned char*>(m.data()) + off + 4 * i;
      w[i] = uint32_t(b[0]) | uint32_t(b[1]) << 8 | uint32_t(b[2]) << 16 | uint32_t(b[3]) << 24;
    }
    uint32_t a = h[0], b = h[1], c = h[2], d = h[3];
    for (int i = 0; i < 64; ++i) {
      uint32_t f;
      int g;
      if (i < 16) { f = (b & c) | (~b & d); g = i; }
      else if (i < 32) { f = (d & b) | (~d & c); g = (5 * i + 1) % 16; }
      else if (i < 48) { f = b ^ c ^ d; g = (3 * i + 5) % 16; }
      else { f = c ^ (b | ~d); g = (7 * i) % 16; }
      uint32_t t = d;
      d = c;
      c = b;
      uint32_t x = a + f + k[i] + w[g];
      b = b + ((x << shift[i]) | (x >> (32 - shift[i])));
      a = t;
    }
    h[0] += a; h[1] += b; h[2] += c; h[3] += d;
  }
  for (int i = 0; i < 4; ++i)
    for (int j = 0; j < 4; ++j) out[4 * i + j] = uint8_t(h[i] >> (8 * j));
}

inline String hex(const unsigned char d[16]) {
  String s;
  for (int i = 0; i < 16; ++i) s += string_printf("%02x", d[i]);
  return s;
}

// Click's md5 text digest: the bytes as a little-endian bit stream, six bits
// per character from "a-zA-Z0-9_@" (22 characters).
inline String text(const unsigned char d[16]) {
  static const char alphabet[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_@";
  String s;
  for (int i = 0; i < 16; i += 3) {
    uint32_t v = d[i] | (i + 1 < 16 ? uint32_t(d[i + 1]) << 8 : 0) | (i + 2 < 16 ? uint32_t(d[i + 2]) << 16 : 0);
    int nchars = i + 2 < 16 ? 4 : (i + 1 < 16 ? 3 : 2);
    for (int c = 0; c < nchars; ++c) s += alphabet[(v >> (6 * c)) & 63];
  }
  return s;
}

}  // namespace md5
CLICK_ENDDECLS
#endif
