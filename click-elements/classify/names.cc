// names.cc -- see names.hh.  Tables follow Click's IPNameInfo and IPFilter.
#include "names.hh"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <string>

namespace netserv::classify::names {
namespace {

struct Entry {
    std::string_view name;
    uint32_t value;
};

constexpr Entry kIpProtos[] = {
    {"dccp", 33}, {"gre", 47},    {"icmp", 1},           {"igmp", 2},
    {"ipip", 4},  {"payload", kProtoPayload}, {"sctp", 132}, {"tcp", 6},
    {"tcpudp", kProtoTcpOrUdp},   {"transp", kProtoTransp}, {"udp", 17},
};

constexpr Entry kIcmpTypes[] = {
    {"echo", 8},          {"echo-reply", 0},        {"inforeq", 15},
    {"inforeq-reply", 16}, {"maskreq", 17},         {"maskreq-reply", 18},
    {"parameterproblem", 12}, {"redirect", 5},      {"routeradvert", 9},
    {"routersolicit", 10}, {"sourcequench", 4},     {"timeexceeded", 11},
    {"timestamp", 13},    {"timestamp-reply", 14},  {"unreachable", 3},
};

// Click's built-in port names, shared by TCP and UDP.
constexpr Entry kKnownPorts[] = {
    {"auth", 113},      {"bootpc", 68},     {"bootps", 67},      {"chargen", 19},
    {"daytime", 13},    {"discard", 9},     {"dns", 53},         {"domain", 53},
    {"echo", 7},        {"finger", 79},     {"ftp", 21},         {"ftp-data", 20},
    {"https", 443},     {"imap3", 220},     {"imaps", 993},      {"irc", 194},
    {"netbios-dgm", 138}, {"netbios-ns", 137}, {"netbios-ssn", 139}, {"nntp", 119},
    {"ntp", 123},       {"pop3", 110},      {"pop3s", 995},      {"pptp", 1723},
    {"rip", 520},       {"route", 520},     {"smtp", 25},        {"snmp", 161},
    {"snmp-trap", 162}, {"ssh", 22},        {"sunrpc", 111},     {"telnet", 23},
    {"tftp", 69},       {"www", 80},
};

// TCP flag bits as Click's IPFilter names them ("tcp opt syn").
constexpr Entry kTcpFlags[] = {
    {"ack", 0x10}, {"fin", 0x01}, {"psh", 0x08}, {"rst", 0x04}, {"syn", 0x02}, {"urg", 0x20},
};

template <size_t N>
std::optional<uint32_t> find(const Entry (&table)[N], std::string_view name) {
    for (const Entry& e : table)
        if (e.name == name)
            return e.value;
    return std::nullopt;
}

// The system databases, as userlevel Click reads them (hand-coded parser in
// ipnameinfo.cc): "name number[/proto] aliases... # comment".
struct SystemDb {
    std::map<std::string, uint32_t, std::less<>> protos, tcp, udp;
};

void read_lines(const char* path, bool protocols, SystemDb& db) {
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
        if (auto hash = line.find('#'); hash != std::string::npos)
            line.erase(hash);
        std::istringstream words(line);
        std::string name, number;
        if (!(words >> name >> number))
            continue;
        std::string proto;
        if (!protocols) {
            auto slash = number.find_first_of("/,");
            if (slash == std::string::npos)
                continue;
            proto = number.substr(slash + 1);
            number.erase(slash);
        }
        if (number.empty() || number.size() > 5
            || !std::all_of(number.begin(), number.end(), [](unsigned char c) { return std::isdigit(c); }))
            continue;
        uint32_t value = std::stoul(number);
        if (value >= (protocols ? 256u : 65536u))
            continue;
        auto* target = protocols ? &db.protos : proto == "tcp" ? &db.tcp : proto == "udp" ? &db.udp : nullptr;
        if (!target)
            continue;
        std::string alias = name;
        do {
            target->emplace(alias, value);  // first definition wins
        } while (words >> alias);
    }
}

const SystemDb& system_db() {
    static SystemDb db;
    static std::once_flag once;
    std::call_once(once, [] {
        read_lines("/etc/protocols", true, db);
        read_lines("/etc/services", false, db);
    });
    return db;
}

std::optional<uint32_t> find_system(const std::map<std::string, uint32_t, std::less<>>& m, std::string_view name) {
    if (auto it = m.find(name); it != m.end())
        return it->second;
    return std::nullopt;
}

bool is_integer(std::string_view s) {
    size_t i = (!s.empty() && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
    if (i == s.size())
        return false;
    for (; i < s.size(); ++i)
        if (!std::isdigit(static_cast<unsigned char>(s[i])))
            return false;
    return true;
}

}  // namespace

std::optional<uint32_t> lookup(Db db, std::string_view name) {
    if (name.empty() || is_integer(name))
        return std::nullopt;
    switch (db) {
    case Db::IpProto:
        if (auto v = find(kIpProtos, name))
            return v;
        return find_system(system_db().protos, name);
    case Db::TcpPort:
        if (auto v = find(kKnownPorts, name))
            return v;
        return find_system(system_db().tcp, name);
    case Db::UdpPort:
        if (auto v = find(kKnownPorts, name))
            return v;
        return find_system(system_db().udp, name);
    case Db::TcpFlag:
        return find(kTcpFlags, name);
    case Db::IcmpType:
        return find(kIcmpTypes, name);
    }
    return std::nullopt;
}

}  // namespace netserv::classify::names
