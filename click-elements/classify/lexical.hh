// lexical.hh -- the small parsers the pattern languages share, following
// Click's Args/confparse conventions: integers (IntArg: decimal, 0x hex,
// leading-0 octal), IPv4 addresses and prefixes (IPAddressArg,
// IPPrefixArg), Ethernet addresses (EtherAddressArg), comment stripping and
// unquoting of configuration arguments (cp_uncomment, cp_unquote).
#ifndef NETSERV_CLASSIFY_LEXICAL_HH
#define NETSERV_CLASSIFY_LEXICAL_HH
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace netserv::classify::lexical {

// An integer in [lo, hi] written the way Click's IntArg accepts it.
std::optional<int64_t> parse_integer(std::string_view s, int64_t lo, int64_t hi);

// "a.b.c.d" -> numeric address (a is the most significant byte).
std::optional<uint32_t> parse_ip(std::string_view s);

// "a.b.c.d/len", "a.b/len", "a.b.c.d/m.m.m.m" -> numeric address and mask.
struct Prefix {
    uint32_t addr;
    uint32_t mask;
};
std::optional<Prefix> parse_ip_prefix(std::string_view s);

// "00:11:22:33:44:55" (or with '-') -> 6 bytes.
bool parse_ether(std::string_view s, uint8_t out[6]);

// Removes // and /* */ comments outside quotes, removes quoting (double
// quotes with backslash escapes, single quotes verbatim) and trims spaces.
std::string clean_argument(std::string_view s);

}  // namespace netserv::classify::lexical
#endif
