// test_support.hh -- packets and pcap files for the classify tests.
#ifndef NETSERV_CLASSIFY_TEST_SUPPORT_HH
#define NETSERV_CLASSIFY_TEST_SUPPORT_HH
#include "program.hh"

#include <cstdint>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace netserv::classify::test {

using Bytes = std::vector<uint8_t>;

inline std::vector<Bytes> read_pcap(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    Bytes d((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::vector<Bytes> out;
    if (d.size() < 24)
        return out;
    uint32_t magic;
    std::memcpy(&magic, d.data(), 4);
    const bool swap = magic == 0xd4c3b2a1 || magic == 0x4d3cb2a1;
    auto u32 = [&](size_t off) {
        uint32_t v;
        std::memcpy(&v, d.data() + off, 4);
        return swap ? __builtin_bswap32(v) : v;
    };
    for (size_t off = 24; off + 16 <= d.size();) {
        uint32_t incl = u32(off + 8);
        off += 16;
        if (off + incl > d.size())
            break;
        out.emplace_back(d.begin() + off, d.begin() + off + incl);
        off += incl;
    }
    return out;
}

inline std::string shared_dir() {
    return std::string(NETSERV_SOURCE_DIR) + "/../shared";
}

struct Ip {
    uint8_t tos = 0, ttl = 64, proto = 17;
    uint32_t src = 0x0A000001, dst = 0x0A000002;
    uint16_t id = 1, frag = 0;   // flags + fragment offset field
    int options = 0;             // bytes of IP options (multiple of 4)
    uint16_t sport = 1234, dport = 80;
    uint8_t tcp_flags = 0x10;
    uint16_t tcp_win = 8192;
    uint8_t icmp_type = 8;
    int payload = 8;
};

// An IPv4 packet (no link header) with a transport header and payload.
inline Bytes ip_packet(const Ip& s) {
    const int hl = 20 + s.options;
    int th = s.proto == 6 ? 20 : s.proto == 17 ? 8 : s.proto == 1 ? 8 : 0;
    Bytes b(hl + th + s.payload, 0);
    b[0] = uint8_t(0x40 | (hl / 4));
    b[1] = s.tos;
    b[2] = uint8_t(b.size() >> 8);
    b[3] = uint8_t(b.size());
    b[4] = uint8_t(s.id >> 8);
    b[5] = uint8_t(s.id);
    b[6] = uint8_t(s.frag >> 8);
    b[7] = uint8_t(s.frag);
    b[8] = s.ttl;
    b[9] = s.proto;
    for (int i = 0; i < 4; ++i) {
        b[12 + i] = uint8_t(s.src >> (24 - 8 * i));
        b[16 + i] = uint8_t(s.dst >> (24 - 8 * i));
    }
    for (int i = 20; i < hl; ++i)
        b[i] = 1;   // NOP options
    uint8_t* t = b.data() + hl;
    if (s.proto == 6 || s.proto == 17) {
        t[0] = uint8_t(s.sport >> 8);
        t[1] = uint8_t(s.sport);
        t[2] = uint8_t(s.dport >> 8);
        t[3] = uint8_t(s.dport);
    }
    if (s.proto == 6) {
        t[12] = 0x50;
        t[13] = s.tcp_flags;
        t[14] = uint8_t(s.tcp_win >> 8);
        t[15] = uint8_t(s.tcp_win);
    }
    if (s.proto == 1)
        t[0] = s.icmp_type;
    uint32_t sum = 0;
    for (int i = 0; i < hl; i += 2)
        sum += (b[i] << 8) | b[i + 1];
    while (sum >> 16)
        sum = (sum & 0xFFFF) + (sum >> 16);
    b[10] = uint8_t(~sum >> 8);
    b[11] = uint8_t(~sum);
    return b;
}

inline PacketView ip_view(const Bytes& b) {
    return PacketView{b.data(), uint32_t(b.size()), 0};
}

// What Click's CheckIPHeader lets through (and how it trims the packet),
// enough to replay the conformance pipelines.
inline bool check_ip_header(Bytes& b) {
    if (b.size() < 20 || (b[0] >> 4) != 4)
        return false;
    size_t hl = (b[0] & 0xF) * 4u;
    if (hl < 20 || hl > b.size())
        return false;
    uint32_t sum = 0;
    for (size_t i = 0; i < hl; i += 2)
        sum += (b[i] << 8) | b[i + 1];
    while (sum >> 16)
        sum = (sum & 0xFFFF) + (sum >> 16);
    if (sum != 0xFFFF)
        return false;
    size_t len = (b[2] << 8) | b[3];
    if (len < hl || len > b.size())
        return false;
    uint32_t src = (uint32_t(b[12]) << 24) | (b[13] << 16) | (b[14] << 8) | b[15];
    if (src == 0 || src == 0xFFFFFFFF)
        return false;
    b.resize(len);
    return true;
}

}  // namespace netserv::classify::test
#endif
