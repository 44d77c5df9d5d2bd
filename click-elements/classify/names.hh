// names.hh -- the name databases IPFilter/IPClassifier consult: IP protocols,
// TCP/UDP ports, ICMP types, TCP flags and the pattern keywords.
//
// Mirrors Click's IPNameInfo and IPFilter tables (elements/ip/ipnameinfo.cc,
// elements/ip/ipfilter.cc, Copyright (c) 2000-2011 Mazu Networks, Meraki,
// Regents of the University of California; MIT-like Click license).  Like
// userlevel Click, names missing from the built-in tables are looked up in
// /etc/protocols and /etc/services (read once, at compile time only).
#ifndef NETSERV_CLASSIFY_NAMES_HH
#define NETSERV_CLASSIFY_NAMES_HH
#include <cstdint>
#include <optional>
#include <string_view>

// Click's pseudo-protocols (clicknet/ip.h): values above 255 never appear on
// the wire; they widen a test to several protocols.
namespace netserv::classify {
constexpr int kProtoTcpOrUdp = 256;
constexpr int kProtoTransp = 257;
constexpr int kProtoPayload = 258;
}  // namespace netserv::classify

namespace netserv::classify::names {

// Which database a name is looked up in.
enum class Db { IpProto, TcpPort, UdpPort, TcpFlag, IcmpType };

// Returns the value of NAME in DB, or nothing.  Integers are never names.
std::optional<uint32_t> lookup(Db db, std::string_view name);

}  // namespace netserv::classify::names
#endif
