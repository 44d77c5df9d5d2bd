// ipfilter_lang.cc -- the IPFilter/IPClassifier pattern language.
//
// A port of the parser and code generator of Click's IPFilter
// (elements/ip/ipfilter.cc, Eddie Kohler; Copyright (c) 2000-2007 Mazu
// Networks, 2010 Meraki, 2004-2011 Regents of the University of California;
// MIT-like Click license): the same grammar, the same implicit qualifiers,
// the same error messages and the same tests per primitive, so patterns
// classify exactly as in Click.
//
//   expr   ::= orexpr | orexpr ? expr : expr
//   orexpr ::= orexpr (or | ||) term | term
//   term   ::= term (and | &&) factor | term factor | factor
//   factor ::= (not | !) factor | ( expr ) | test
//   test   ::= true | false | quals [[POS:LEN]] [& MASK] [relop] data
#include "builder.hh"
#include "lexical.hh"
#include "names.hh"
#include "program.hh"

#include <cctype>
#include <cstring>
#include <string>
#include <vector>

namespace netserv::classify {
namespace {

using detail::Builder;
using detail::Combiner;
using Words = std::vector<std::string>;

enum : int {
    TYPE_NONE = 0,   // data types
    TYPE_TYPE = 1,
    TYPE_SYNTAX = 2,
    TYPE_INT = 3,

    TYPE_HOST = 10,   // expression types
    TYPE_PROTO = 11,
    TYPE_IPFRAG = 12,
    TYPE_PORT = 13,
    TYPE_TCPOPT = 14,
    TYPE_ETHER = 15,

    TYPE_NET = 30,   // shorthands
    TYPE_IPUNFRAG = 31,
    TYPE_IPECT = 32,
    TYPE_IPCE = 33,

    // Header fields: bit 30 set; bits 29-21 IP protocol (0: IP header);
    // bits 20-5 bit offset into the header; bits 4-0 bit length - 1.
    TYPE_FIELD = 0x40000000,
    FIELD_PROTO_SHIFT = 21,
    FIELD_PROTO_MASK = 0x1FF << FIELD_PROTO_SHIFT,
    FIELD_OFFSET_SHIFT = 5,
    FIELD_OFFSET_MASK = 0xFFFF << FIELD_OFFSET_SHIFT,
    FIELD_LENGTH_SHIFT = 0,
    FIELD_LENGTH_MASK = 0x1F << FIELD_LENGTH_SHIFT,
    FIELD_IPLEN = TYPE_FIELD | ((2 * 8) << FIELD_OFFSET_SHIFT) | 15,
    FIELD_ID = TYPE_FIELD | ((4 * 8) << FIELD_OFFSET_SHIFT) | 15,
    FIELD_VERSION = TYPE_FIELD | (0 << FIELD_OFFSET_SHIFT) | 3,
    FIELD_HL = TYPE_FIELD | (4 << FIELD_OFFSET_SHIFT) | 3,
    FIELD_TOS = TYPE_FIELD | ((1 * 8) << FIELD_OFFSET_SHIFT) | 7,
    FIELD_DSCP = TYPE_FIELD | ((1 * 8) << FIELD_OFFSET_SHIFT) | 5,
    FIELD_TTL = TYPE_FIELD | ((8 * 8) << FIELD_OFFSET_SHIFT) | 7,
    FIELD_TCP_WIN = TYPE_FIELD | (6 << FIELD_PROTO_SHIFT) | ((14 * 8) << FIELD_OFFSET_SHIFT) | 15,
    FIELD_ICMP_TYPE = TYPE_FIELD | (1 << FIELD_PROTO_SHIFT) | (0 << FIELD_OFFSET_SHIFT) | 7,
};

enum : int { UNKNOWN = -1000 };
enum : int { SD_SRC = 1, SD_DST = 2, SD_AND = 3, SD_OR = 4 };
enum : int { OP_EQ = 0, OP_GT = 1, OP_LT = 2 };
enum : int { offset_mac = 0, offset_net = 256, offset_transp = 512 };

constexpr int IP_PROTO_ICMP = 1, IP_PROTO_IGMP = 2, IP_PROTO_IPIP = 4, IP_PROTO_TCP = 6, IP_PROTO_UDP = 17,
              IP_PROTO_DCCP = 33;
constexpr uint32_t IP_ECNMASK = 0x03, IP_ECN_CE = 0x03;

struct Keyword {
    const char* name;
    int type;
};
constexpr Keyword kKeywords[] = {
    {"ce", TYPE_IPCE},       {"dest", TYPE_SYNTAX},   {"dscp", FIELD_DSCP},     {"dst", TYPE_SYNTAX},
    {"ect", TYPE_IPECT},     {"ether", TYPE_SYNTAX},  {"frag", TYPE_IPFRAG},    {"hl", FIELD_HL},
    {"host", TYPE_HOST},     {"id", FIELD_ID},        {"ip", TYPE_SYNTAX},      {"len", FIELD_IPLEN},
    {"net", TYPE_NET},       {"not", TYPE_SYNTAX},    {"opt", TYPE_TCPOPT},     {"port", TYPE_PORT},
    {"proto", TYPE_PROTO},   {"src", TYPE_SYNTAX},    {"tos", FIELD_TOS},       {"ttl", FIELD_TTL},
    {"type", FIELD_ICMP_TYPE}, {"unfrag", TYPE_IPUNFRAG}, {"vers", FIELD_VERSION}, {"win", FIELD_TCP_WIN},
};

// Click's ErrorHandler with a PrefixErrorHandler in front of it.
struct Errors {
    Diagnostics* diag;
    std::string prefix;
    int count = 0;
    int error(const std::string& msg) {
        diag->errors.push_back(prefix + msg);
        ++count;
        return -1;
    }
    void warning(const std::string& msg) { diag->warnings.push_back(prefix + msg); }
};

std::string q(const std::string& s) {
    return "'" + s + "'";
}

std::string unparse_transp_proto(int p) {
    switch (p) {
    case UNKNOWN: return "";
    case IP_PROTO_ICMP: return "icmp";
    case IP_PROTO_IGMP: return "igmp";
    case IP_PROTO_IPIP: return "ipip";
    case IP_PROTO_TCP: return "tcp";
    case IP_PROTO_UDP: return "udp";
    case kProtoTcpOrUdp: return "tcpudp";
    case kProtoTransp: return "transp";
    default: return "ip proto " + std::to_string(p);
    }
}

std::string unparse_type(int srcdst, int type) {
    std::string sa;
    switch (srcdst) {
    case SD_SRC: sa += "src "; break;
    case SD_DST: sa += "dst "; break;
    case SD_OR: sa += "src or dst "; break;
    case SD_AND: sa += "src and dst "; break;
    }
    switch (type) {
    case TYPE_NONE: sa += "<none>"; break;
    case TYPE_HOST: sa += "ip host"; break;
    case TYPE_PROTO: sa += "proto"; break;
    case TYPE_ETHER: sa += "ether host"; break;
    case TYPE_IPFRAG: sa += "ip frag"; break;
    case TYPE_PORT: sa += "port"; break;
    case TYPE_TCPOPT: sa += "tcp opt"; break;
    case TYPE_NET: sa += "ip net"; break;
    case TYPE_IPUNFRAG: sa += "ip unfrag"; break;
    case TYPE_IPECT: sa += "ip ect"; break;
    case TYPE_IPCE: sa += "ip ce"; break;
    default:
        if (type & TYPE_FIELD) {
            switch (type) {
            case FIELD_IPLEN: sa += "ip len"; break;
            case FIELD_ID: sa += "ip id"; break;
            case FIELD_VERSION: sa += "ip vers"; break;
            case FIELD_HL: sa += "ip hl"; break;
            case FIELD_TOS: sa += "ip tos"; break;
            case FIELD_DSCP: sa += "ip dscp"; break;
            case FIELD_TTL: sa += "ip ttl"; break;
            case FIELD_TCP_WIN: sa += "tcp win"; break;
            case FIELD_ICMP_TYPE: sa += "icmp type"; break;
            default:
                if (type & FIELD_PROTO_MASK)
                    sa += unparse_transp_proto((type & FIELD_PROTO_MASK) >> FIELD_PROTO_SHIFT);
                else
                    sa += "ip";
                sa += "[...]";
                break;
            }
        } else
            sa += "<unknown type " + std::to_string(type) + ">";
        break;
    }
    return sa;
}

std::string unparse_word(int type, int proto, const std::string& word) {
    std::string tn = unparse_type(0, type);
    std::string tr = unparse_transp_proto(proto);
    if (!tn.empty())
        tn += " ";
    if (!tr.empty() || (!word.empty() && !tn.empty()))
        tr += " ";
    return tn + tr + word;
}

// Looks WORD up as a keyword (when TYPE allows) and in the name databases.
// Returns TYPE_TYPE for keywords, the primitive type a name implies, -1 for
// unknown words and -2 (after reporting to ERRH, if any) for ambiguous ones.
int lookup(const std::string& word, int type, int proto, uint32_t& data, Errors* errh) {
    if (type == 0 || type == TYPE_TYPE)
        for (const Keyword& k : kKeywords)
            if (word == k.name) {
                data = static_cast<uint32_t>(k.type);
                return k.type == TYPE_SYNTAX ? -1 : TYPE_TYPE;
            }

    static constexpr names::Db dbs[5] = {names::Db::IpProto, names::Db::TcpPort, names::Db::UdpPort,
                                         names::Db::TcpFlag, names::Db::IcmpType};
    static constexpr int db2type[5] = {TYPE_PROTO, TYPE_PORT, TYPE_PORT, TYPE_TCPOPT, FIELD_ICMP_TYPE};
    bool got[5];
    uint32_t val[5] = {0, 0, 0, 0, 0};
    for (int i = 0; i < 5; ++i) {
        auto v = names::lookup(dbs[i], word);
        got[i] = v.has_value();
        if (v)
            val[i] = *v;
    }
    if (!got[0] && !got[1] && !got[2] && !got[3] && !got[4])
        return -1;

    bool tgot[5];
    tgot[0] = got[0] && (type == 0 || type == TYPE_PROTO);
    tgot[1] = got[1] && (type == 0 || type == TYPE_PORT)
        && (proto == UNKNOWN || proto == IP_PROTO_TCP || proto == kProtoTcpOrUdp);
    tgot[2] = got[2] && (type == 0 || type == TYPE_PORT)
        && (proto == UNKNOWN || proto == IP_PROTO_UDP || proto == kProtoTcpOrUdp);
    tgot[3] = got[3] && (type == 0 || type == TYPE_TCPOPT)
        && (proto == UNKNOWN || proto == IP_PROTO_TCP || proto == kProtoTcpOrUdp);
    tgot[4] = got[4] && (type == 0 || type == FIELD_ICMP_TYPE) && (proto == UNKNOWN || proto == IP_PROTO_ICMP);
    if (tgot[1] && tgot[2] && val[1] == val[2])
        tgot[2] = false;

    int ngot = tgot[0] + tgot[1] + tgot[2] + tgot[3] + tgot[4];
    if (ngot == 1)
        for (int i = 0; i < 5; ++i)
            if (tgot[i]) {
                data = val[i];
                return db2type[i];
            }
    std::string sa;
    for (int i = 0; i < 5; ++i)
        if (got[i]) {
            if (!sa.empty())
                sa += ", ";
            sa += q(unparse_word(db2type[i], proto, word));
        }
    if (errh)
        errh->error(q(unparse_word(type, proto, word)) + " is " + (ngot > 1 ? "ambiguous" : "meaningless")
                    + "; try " + sa);
    return -2;
}

int ffs_msb(uint32_t x) {
    return x ? __builtin_clz(x) + 1 : 0;
}

struct Primitive {
    int type = 0;
    int data = 0;
    int op = OP_EQ;
    bool op_negated = false;
    int srcdst = 0;
    int transp_proto = UNKNOWN;
    uint32_t u = 0;      // numeric value (addresses most significant byte first)
    uint32_t mask = 0;
    uint8_t eth[6] = {0, 0, 0, 0, 0, 0};
    uint8_t eth_mask[6] = {0, 0, 0, 0, 0, 0};

    void clear() { *this = Primitive(); }

    void set_type(int x, Errors& errh) {
        if (type)
            errh.error("type specified twice");
        type = x;
    }
    void set_srcdst(int x, Errors& errh) {
        if (srcdst)
            errh.error("'src' or 'dst' specified twice");
        srcdst = x;
    }
    void set_transp_proto(int x, Errors& errh) {
        if (transp_proto != UNKNOWN && transp_proto != x)
            errh.error("transport protocol specified twice");
        transp_proto = x;
    }

    std::string unparse_type() const { return classify::unparse_type(srcdst, type); }
    std::string unparse_op() const {
        if (op == OP_GT)
            return op_negated ? "<=" : ">";
        if (op == OP_LT)
            return op_negated ? ">=" : "<";
        return op_negated ? "!=" : "=";
    }
    int type_error(Errors& errh, const char* msg) const { return errh.error(q(unparse_type()) + ": " + msg); }

    int set_mask(uint32_t full_mask, int shift, uint32_t provided_mask, Errors& errh);
    int check(const Primitive& prev, int header, int mask_dt, uint32_t provided_mask,
              const uint8_t* provided_eth_mask, Errors& errh);
    void compile(Builder& p, std::vector<int>& tree) const;
    void add_comparison_exprs(Builder& p, std::vector<int>& tree, int offset, int shift, bool op_negate) const;
};

// (Inside Primitive, the free unparse_type is reached as
// classify::unparse_type, since the member of that name hides it.)

int Primitive::set_mask(uint32_t full_mask, int shift, uint32_t provided_mask, Errors& errh) {
    uint32_t value = u;
    uint32_t this_mask = provided_mask ? provided_mask : full_mask;
    if ((this_mask & full_mask) != this_mask) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "0x%X", full_mask);
        return errh.error(q(unparse_type()) + ": mask out of range, bound " + buf);
    }

    if (op == OP_GT || op == OP_LT) {
        // Comparisons that are always true or false.
        if ((op == OP_LT && (value == 0 || value > this_mask)) || (op == OP_GT && value >= this_mask)) {
            bool will_be = (op == OP_LT && value > this_mask) ? !op_negated : op_negated;
            errh.warning("relation " + q(unparse_op() + " " + std::to_string(value)) + " is always "
                         + (will_be ? "true" : "false") + " (range 0-" + std::to_string(this_mask) + ")");
            u = mask = 0;
            op_negated = !will_be;
            op = OP_EQ;
            return 0;
        }
        // value < X == !(value > X - 1)
        if (op == OP_LT) {
            --u;
            op_negated = !op_negated;
            op = OP_GT;
        }
        const uint32_t low = (uint32_t(1) << shift) - 1;
        u = (u << shift) | low;
        mask = (this_mask << shift) | low;
        // Want (u & mask) == u: 'tcp[0] & 5 > 2' is 'tcp[0] & 5 > 1'.
        if ((u & mask) != u) {
            uint32_t full_mask_u = (full_mask << shift) | low;
            uint32_t missing_bits = (u & mask) ^ (u & full_mask_u);
            uint32_t add_mask = 0xFFFFFFFFU >> ffs_msb(missing_bits);
            u = (u | add_mask) & mask;
        }
        return 0;
    }

    if (value > full_mask)
        return errh.error(q(unparse_type()) + ": out of range, bound " + std::to_string(full_mask));
    u = value << shift;
    mask = this_mask << shift;
    return 0;
}

int Primitive::check(const Primitive& prev, int header, int mask_dt, uint32_t provided_mask,
                     const uint8_t* provided_eth_mask, Errors& errh) {
    const int old_srcdst = srcdst;
    if (type < 0)
        return -1;

    if (!type) {
    retry:
        switch (data) {
        case TYPE_HOST:
        case TYPE_NET:
        case TYPE_TCPOPT:
        case TYPE_ETHER:
            type = data;
            if (!srcdst)
                srcdst = prev.srcdst;
            break;
        case TYPE_PROTO:
            type = TYPE_PROTO;
            break;
        case TYPE_PORT:
            type = TYPE_PORT;
            if (!srcdst)
                srcdst = prev.srcdst;
            if (transp_proto == UNKNOWN)
                transp_proto = prev.transp_proto;
            break;
        case TYPE_INT:
            if (!(prev.type & TYPE_FIELD) && prev.type != TYPE_PROTO && prev.type != TYPE_PORT)
                return errh.error("specify header field or 'port'");
            data = prev.type;
            goto retry;
        case TYPE_NONE:
            if (transp_proto != UNKNOWN)
                type = TYPE_PROTO;
            else
                return errh.error("partial directive");
            break;
        default:
            if (data & TYPE_FIELD) {
                type = data;
                if ((type & FIELD_PROTO_MASK) && transp_proto == UNKNOWN)
                    transp_proto = (type & FIELD_PROTO_MASK) >> FIELD_PROTO_SHIFT;
            } else
                return errh.error("unknown type " + q(classify::unparse_type(0, data)));
            break;
        }
    }

    if (header == 0 && data == TYPE_ETHER)
        header = 'e';
    else if (header == 0)
        header = 'i';
    if (header == 'e' && type == TYPE_HOST)
        type = TYPE_ETHER;

    switch (type) {
    case TYPE_HOST:
        if (header != 'i' || data != TYPE_HOST)
            return type_error(errh, "address missing");
        if (op != OP_EQ)
            return type_error(errh, "operator not supported");
        mask = 0xFFFFFFFFU;
        goto set_host_mask;

    case TYPE_NET:
        if (header != 'i' || data != TYPE_NET)
            return type_error(errh, "address missing");
        if (op != OP_EQ)
            return type_error(errh, "operator not supported");
        type = TYPE_HOST;
    set_host_mask:
        if (mask_dt && mask_dt != TYPE_INT && mask_dt != TYPE_HOST)
            return type_error(errh, "bad mask");
        else if (mask_dt)
            mask = provided_mask;
        break;

    case TYPE_ETHER:
        if (header != 'e' || data != TYPE_ETHER)
            return type_error(errh, "address missing");
        if (op != OP_EQ)
            return type_error(errh, "operator not supported");
        std::memset(eth_mask, 0xFF, 6);
        if (mask_dt && mask_dt != TYPE_ETHER)
            return type_error(errh, "bad mask");
        else if (mask_dt)
            std::memcpy(eth_mask, provided_eth_mask, 6);
        break;

    case TYPE_PROTO:
        if (header != 'i')
            return type_error(errh, "ip only");
        if (data == TYPE_INT || data == TYPE_PROTO) {
            if (transp_proto != UNKNOWN && transp_proto != int32_t(u))
                return type_error(errh, "specified twice");
            data = TYPE_NONE;
        } else
            u = uint32_t(transp_proto);
        transp_proto = UNKNOWN;
        if (data != TYPE_NONE || int32_t(u) == UNKNOWN)
            return type_error(errh, "value missing");
        if (int32_t(u) >= 256) {
            if (op != OP_EQ || mask_dt)
                return errh.error(q(unparse_transp_proto(int32_t(u))) + ": operator or mask not supported");
            mask = 0xFF;
        } else if (mask_dt && mask_dt != TYPE_INT)
            return type_error(errh, "bad mask");
        else if (set_mask(0xFF, 0, mask_dt ? provided_mask : 0, errh) < 0)
            return -1;
        if (op == OP_EQ && mask == 0xFF && !op_negated)
            transp_proto = int32_t(u);
        break;

    case TYPE_PORT:
        if (header != 'i')
            return type_error(errh, "ip only");
        if (data == TYPE_INT)
            data = TYPE_PORT;
        if (data != TYPE_PORT)
            return type_error(errh, "value missing");
        if (transp_proto == UNKNOWN)
            transp_proto = kProtoTcpOrUdp;
        else if (transp_proto != IP_PROTO_TCP && transp_proto != IP_PROTO_UDP && transp_proto != kProtoTcpOrUdp
                 && transp_proto != IP_PROTO_DCCP)
            return errh.error("'port': bad protocol " + std::to_string(transp_proto));
        else if (mask_dt && mask_dt != TYPE_INT)
            return type_error(errh, "bad mask");
        if (set_mask(0xFFFF, 0, mask_dt ? provided_mask : 0, errh) < 0)
            return -1;
        break;

    case TYPE_TCPOPT:
        if (header != 'i')
            return type_error(errh, "ip only");
        if (data == TYPE_INT)
            data = TYPE_TCPOPT;
        if (data != TYPE_TCPOPT)
            return type_error(errh, "value missing");
        if (transp_proto == UNKNOWN)
            transp_proto = IP_PROTO_TCP;
        else if (transp_proto != IP_PROTO_TCP)
            return errh.error("'tcp opt': bad protocol " + std::to_string(transp_proto));
        if (op != OP_EQ || op_negated || mask_dt)
            return type_error(errh, "operator or mask not supported");
        if (int32_t(u) < 0 || int32_t(u) > 255)
            return errh.error("'tcp opt': value " + std::to_string(int32_t(u)) + " out of range");
        mask = u;
        break;

    case TYPE_IPECT:
        if (header != 'i')
            return type_error(errh, "ip only");
        if (data != TYPE_NONE && data != TYPE_INT)
            return type_error(errh, "value missing");
        if (data == TYPE_NONE) {
            mask = IP_ECNMASK;
            u = 0;
            op_negated = true;
        } else if (mask_dt && mask_dt != TYPE_INT)
            return type_error(errh, "bad mask");
        if (set_mask(0x3, 0, mask_dt ? provided_mask : 0, errh) < 0)
            return -1;
        type = FIELD_TOS;
        break;

    case TYPE_IPCE:
        if (header != 'i')
            return type_error(errh, "ip only");
        if (data != TYPE_NONE || mask_dt)
            return type_error(errh, "value not supported");
        mask = IP_ECNMASK;
        u = IP_ECN_CE;
        type = FIELD_TOS;
        break;

    case TYPE_IPFRAG:
        if (header != 'i')
            return type_error(errh, "ip only");
        if (data != TYPE_NONE || mask_dt)
            return type_error(errh, "value not supported");
        mask = 1;
        break;

    case TYPE_IPUNFRAG:
        if (header != 'i')
            return type_error(errh, "ip only");
        if (data != TYPE_NONE || mask_dt)
            return type_error(errh, "value not supported");
        op_negated = true;
        mask = 1;
        type = TYPE_IPFRAG;
        break;

    default:
        if (type & TYPE_FIELD) {
            if (header != 'i')
                return type_error(errh, "ip only");
            if (data != TYPE_INT && data != type)
                return type_error(errh, "value missing");
            else if (mask_dt && mask_dt != TYPE_INT && mask_dt != type)
                return type_error(errh, "bad mask");
            int nbits = ((type & FIELD_LENGTH_MASK) >> FIELD_LENGTH_SHIFT) + 1;
            uint32_t xmask = nbits == 32 ? 0xFFFFFFFFU : (uint32_t(1) << nbits) - 1;
            if (set_mask(xmask, 0, mask_dt ? provided_mask : 0, errh) < 0)
                return -1;
        }
        break;
    }

    if (type == TYPE_HOST || type == TYPE_PORT || type == TYPE_ETHER) {
        if (srcdst == 0)
            srcdst = SD_OR;
    } else if (old_srcdst)
        errh.warning(q(unparse_type()) + ": 'src' or 'dst' ignored");
    return 0;
}

void add_exprs_for_proto(int32_t proto, Builder& p, std::vector<int>& tree) {
    if (proto == kProtoTcpOrUdp) {
        p.start_subtree(tree);
        p.add_insn(tree, offset_net + 8, uint32_t(IP_PROTO_TCP) << 16, 0x00FF0000);
        p.add_insn(tree, offset_net + 8, uint32_t(IP_PROTO_UDP) << 16, 0x00FF0000);
        p.finish_subtree(tree, Combiner::Or);
    } else if (proto >= 256)
        /* no test: "transp" and "payload" match every protocol */;
    else
        p.add_insn(tree, offset_net + 8, uint32_t(proto) << 16, 0x00FF0000);
}

void Primitive::add_comparison_exprs(Builder& p, std::vector<int>& tree, int offset, int shift,
                                     bool op_negate) const {
    uint32_t m = mask;
    uint32_t v = u & m;

    if (op == OP_EQ) {
        p.add_insn(tree, offset, v << shift, m << shift);
        if (op_negated && op_negate)
            p.negate_subtree(tree, true);
        return;
    }

    // "input & MASK > V", top bit first: if V's top bit is 0, the input wins
    // as soon as its corresponding top bits are nonzero (combine with OR);
    // if it is 1, those bits must all be set to continue (combine with AND).
    int high_bit_record = 0;
    int count = 0;
    while (v < m) {
        int high_bit = v > (m >> 1);
        int first_different_bit = 33 - ffs_msb(high_bit ? ~(v + 1) & m : v);
        uint32_t upper_mask;
        if (first_different_bit == 33)
            upper_mask = m;
        else
            upper_mask = m & ~uint32_t((uint64_t(1) << first_different_bit) - 1);
        uint32_t upper_v = high_bit ? upper_mask : 0;

        p.start_subtree(tree);
        p.add_insn(tree, offset, upper_v << shift, upper_mask << shift);
        if (!high_bit)
            p.negate_subtree(tree, true);
        high_bit_record = (high_bit_record << 1) | high_bit;
        ++count;

        m &= ~upper_mask;
        v &= m;
    }
    while (count > 0) {
        p.finish_subtree(tree, (high_bit_record & 1) ? Combiner::And : Combiner::Or);
        high_bit_record >>= 1;
        --count;
    }
    if (op_negated && op_negate)
        p.negate_subtree(tree, true);
}

// Long on purpose (~85 lines): one branch per primitive type, in the order of
// Click's IPFilter::Primitive::compile, so the two can be read side by side.
void Primitive::compile(Builder& p, std::vector<int>& tree) const {
    p.start_subtree(tree);

    if (transp_proto != UNKNOWN)
        add_exprs_for_proto(transp_proto, p, tree);

    // Transport tests only match first fragments (fragment offset 0).
    if (type == TYPE_PORT || type == TYPE_TCPOPT || ((type & TYPE_FIELD) && (type & FIELD_PROTO_MASK)))
        p.add_insn(tree, offset_net + 4, 0, 0x00001FFF);

    switch (type) {
    case TYPE_HOST:
        p.start_subtree(tree);
        if (srcdst == SD_SRC || srcdst == SD_AND || srcdst == SD_OR)
            add_comparison_exprs(p, tree, offset_net + 12, 0, false);
        if (srcdst == SD_DST || srcdst == SD_AND || srcdst == SD_OR)
            add_comparison_exprs(p, tree, offset_net + 16, 0, false);
    finish_srcdst:
        p.finish_subtree(tree, srcdst == SD_OR ? Combiner::Or : Combiner::And);
        if (op_negated)
            p.negate_subtree(tree, true);
        break;

    case TYPE_ETHER: {
        // Word offsets relative to MAC header - 2: destination bytes 0-1 sit
        // in word 0 (low half), 2-5 in word 4; source bytes 0-3 in word 8,
        // 4-5 in word 12 (high half).
        auto be = [](const uint8_t* b) {
            return (uint32_t(b[0]) << 24) | (uint32_t(b[1]) << 16) | (uint32_t(b[2]) << 8) | b[3];
        };
        auto word_eq = [&](int offset, uint32_t value, uint32_t m) { p.add_insn(tree, offset, value, m); };
        p.start_subtree(tree);
        if (srcdst == SD_SRC || srcdst == SD_AND || srcdst == SD_OR) {
            p.start_subtree(tree);
            word_eq(offset_mac + 8, be(eth), be(eth_mask));
            word_eq(offset_mac + 12, (uint32_t(eth[4]) << 24) | (uint32_t(eth[5]) << 16),
                    (uint32_t(eth_mask[4]) << 24) | (uint32_t(eth_mask[5]) << 16));
            p.finish_subtree(tree, Combiner::And);
        }
        if (srcdst == SD_DST || srcdst == SD_AND || srcdst == SD_OR) {
            p.start_subtree(tree);
            word_eq(offset_mac, (uint32_t(eth[0]) << 8) | eth[1], (uint32_t(eth_mask[0]) << 8) | eth_mask[1]);
            word_eq(offset_mac + 4, be(eth + 2), be(eth_mask + 2));
            p.finish_subtree(tree, Combiner::And);
        }
        goto finish_srcdst;
    }

    case TYPE_PROTO:
        if (transp_proto < 256)
            add_comparison_exprs(p, tree, offset_net + 8, 16, true);
        break;

    case TYPE_IPFRAG:
        p.add_insn(tree, offset_net + 4, 0, 0x00003FFF);
        if (!op_negated)
            p.negate_subtree(tree, true);
        break;

    case TYPE_PORT:
        p.start_subtree(tree);
        if (srcdst == SD_SRC || srcdst == SD_AND || srcdst == SD_OR)
            add_comparison_exprs(p, tree, offset_transp, 16, false);
        if (srcdst == SD_DST || srcdst == SD_AND || srcdst == SD_OR)
            add_comparison_exprs(p, tree, offset_transp, 0, false);
        goto finish_srcdst;

    case TYPE_TCPOPT:
        p.add_insn(tree, offset_transp + 12, u << 16, mask << 16);
        break;

    default:
        if (type & TYPE_FIELD) {
            int offset = (type & FIELD_OFFSET_MASK) >> FIELD_OFFSET_SHIFT;
            int length = ((type & FIELD_LENGTH_MASK) >> FIELD_LENGTH_SHIFT) + 1;
            int word_offset = (offset >> 3) & ~3, bit_offset = offset & 0x1F;
            int base_offset = (type & FIELD_PROTO_MASK) ? offset_transp : offset_net;
            add_comparison_exprs(p, tree, base_offset + word_offset, 32 - (bit_offset + length), true);
        }
        break;
    }

    p.finish_subtree(tree);
}

// Click's separate_text: words, with operators and brackets as their own words.
Words separate_text(const std::string& text) {
    Words words;
    const char* s = text.data();
    const size_t len = text.size();
    size_t pos = 0;
    while (pos < len) {
        while (pos < len && std::isspace(static_cast<unsigned char>(s[pos])))
            ++pos;
        if (pos >= len)
            break;
        switch (s[pos]) {
        case '&':
        case '|':
            if (pos + 1 < len && s[pos + 1] == s[pos])
                goto two_char;
            goto one_char;
        case '<':
        case '>':
        case '!':
        case '=':
            if (pos + 1 < len && s[pos + 1] == '=')
                goto two_char;
            goto one_char;
        case '(':
        case ')':
        case '[':
        case ']':
        case ',':
        case ';':
        case '?':
        one_char:
            words.push_back(text.substr(pos, 1));
            ++pos;
            break;
        two_char:
            words.push_back(text.substr(pos, 2));
            pos += 2;
            break;
        default: {
            size_t first = pos;
            while (pos < len
                   && (std::isalnum(static_cast<unsigned char>(s[pos])) || s[pos] == '-' || s[pos] == '.'
                       || s[pos] == '/' || s[pos] == '@' || s[pos] == '_' || s[pos] == ':'))
                ++pos;
            if (pos == first)
                ++pos;
            words.push_back(text.substr(first, pos - first));
            break;
        }
        }
    }
    return words;
}

bool int_arg(const std::string& s, int32_t& out) {
    auto v = lexical::parse_integer(s, INT32_MIN, INT32_MAX);
    if (v)
        out = int32_t(*v);
    return v.has_value();
}

bool uint_arg(const std::string& s, uint32_t& out) {
    if (!s.empty() && s[0] == '-')
        return false;
    auto v = lexical::parse_integer(s, 0, UINT32_MAX);
    if (v)
        out = uint32_t(*v);
    return v.has_value();
}

class Parser {
  public:
    Parser(const Words& words, std::vector<int>& tree, Builder& prog, Errors& errh)
        : words_(words), tree_(tree), prog_(prog), errh_(errh) {}

    int parse_expr_iterative(int pos);

  private:
    const Words& words_;
    std::vector<int>& tree_;
    Builder& prog_;
    Errors& errh_;
    Primitive prev_prim_;

    enum {
        s_expr0, s_expr1, s_expr2,
        s_orexpr0, s_orexpr1,
        s_term0, s_term1, s_term2,
        s_factor0, s_factor1, s_factor2,
        s_factor0_neg, s_factor1_neg, s_factor2_neg
    };
    struct ParseState {
        int state;
        int last_pos = 0;
        explicit ParseState(int s) : state(s) {}
    };

    int size() const { return static_cast<int>(words_.size()); }
    bool at(int pos, const char* w) const { return pos < size() && words_[pos] == w; }
    int parse_test(int pos, bool negated);
    int parse_brackets(Primitive& prim, int pos);
};

// An explicit stack instead of recursion: deeply nested patterns cannot
// exhaust the C++ stack.
// Long on purpose: the whole expression grammar is one state machine over one
// explicit stack; split, the states would lose sight of each other.
int Parser::parse_expr_iterative(int pos) {
    std::vector<ParseState> stk;
    stk.emplace_back(s_expr0);

    while (!stk.empty()) {
        ParseState& ps = stk.back();
        int new_state = -1;

        switch (ps.state) {
        case s_expr0:
            prog_.start_subtree(tree_);
            ps.state = s_expr1;
            new_state = s_orexpr0;
            break;
        case s_expr1:
            if (!at(pos, "?"))
                goto finish_expr;
            ++pos;
            ps.state = s_expr2;
            new_state = s_expr0;
            break;
        case s_expr2:
            if (pos == ps.last_pos || !at(pos, ":")) {
                errh_.error("missing ':' in ternary expression");
                goto finish_expr;
            }
            ++pos;
            ps.state = s_expr1;
            new_state = s_orexpr0;
            break;
        finish_expr:
            prog_.finish_subtree(tree_, Combiner::Ternary);
            break;

        case s_orexpr0:
            prog_.start_subtree(tree_);
            ps.state = s_orexpr1;
            new_state = s_term0;
            break;
        case s_orexpr1:
            if (!at(pos, "or") && !at(pos, "||"))
                goto finish_orexpr;
            ++pos;
            new_state = s_term0;
            break;
        finish_orexpr:
            prog_.finish_subtree(tree_, Combiner::Or);
            break;

        case s_term0:
            prog_.start_subtree(tree_);
            ps.state = s_term1;
            new_state = s_factor0;
            break;
        case s_term1:
        case s_term2:
            if (pos == ps.last_pos) {
                if (ps.state == s_term1)
                    errh_.error("missing expression");
                goto finish_term;
            }
            if (at(pos, "and") || at(pos, "&&")) {
                ps.state = s_term1;
                ++pos;
            } else
                ps.state = s_term2;
            new_state = s_factor0;
            break;
        finish_term:
            prog_.finish_subtree(tree_);
            break;

        case s_factor0:
        case s_factor0_neg:
            if (at(pos, "not") || at(pos, "!")) {
                ps.state += s_factor1 - s_factor0;
                new_state = ps.state == s_factor1 ? s_factor0_neg : s_factor0;
                ++pos;
            } else if (at(pos, "(")) {
                ps.state += s_factor2 - s_factor0;
                new_state = s_expr0;
                ++pos;
            } else
                pos = parse_test(pos, ps.state == s_factor0_neg);
            break;
        case s_factor1:
        case s_factor1_neg:
            if (pos == ps.last_pos)
                errh_.error("missing expression after " + q(words_[pos - 1]));
            break;
        case s_factor2:
        case s_factor2_neg:
            if (pos == ps.last_pos)
                errh_.error("missing expression after '('");
            if (at(pos, ")"))
                ++pos;
            else if (pos != ps.last_pos)
                errh_.error("missing ')'");
            if (ps.state == s_factor2_neg)
                prog_.negate_subtree(tree_);
            break;
        }

        if (new_state >= 0) {
            ps.last_pos = pos;
            stk.emplace_back(new_state);
        } else
            stk.pop_back();
    }
    return pos;
}

int Parser::parse_brackets(Primitive& prim, int pos) {
    const int first_pos = pos + 1;
    std::string combination;
    for (++pos; pos < size() && words_[pos] != "]"; ++pos)
        combination += words_[pos];
    if (pos >= size()) {
        errh_.error("missing ']'");
        return first_pos;
    }
    ++pos;

    int32_t fieldpos = 0, len = 1;
    bool ok = false;
    size_t colon = combination.find(':');
    size_t comma = combination.find(',');
    if (colon != std::string::npos && colon + 1 < combination.size()) {
        ok = int_arg(combination.substr(0, colon), fieldpos) && int_arg(combination.substr(colon + 1), len);
    } else if (comma != std::string::npos && comma + 1 < combination.size()) {
        int32_t pos2 = 0;
        if (int_arg(combination.substr(0, comma), fieldpos) && int_arg(combination.substr(comma + 1), pos2)) {
            len = pos2 - fieldpos + 1;
            ok = true;
        }
    } else
        ok = int_arg(combination, fieldpos);
    if (!ok) {
        errh_.error("syntax error after '[', expected '[POS]' or '[POS:LEN]'");
        return pos;
    }

    const int64_t bitpos = int64_t(fieldpos) * 8, bitlen = int64_t(len) * 8;
    if (bitlen < 1 || bitlen > 32)
        errh_.error("LEN in '[POS:LEN]' out of range, should be between 1 and 4");
    else if (bitpos < 0 || bitpos + bitlen > 0xFFFF || (bitpos & ~31) != ((bitpos + bitlen - 1) & ~31))
        errh_.error("field [" + std::to_string(fieldpos) + ":" + std::to_string(len)
                    + "] does not fit in a single word");
    else {
        int transp = prim.transp_proto == UNKNOWN ? 0 : prim.transp_proto;
        prim.set_type(TYPE_FIELD | (transp << FIELD_PROTO_SHIFT) | (int(bitpos) << FIELD_OFFSET_SHIFT)
                          | ((int(bitlen) - 1) << FIELD_LENGTH_SHIFT),
                      errh_);
    }
    return pos;
}

// Long on purpose: one branch per IPFilter test word, in the order of Click's
// IPFilter::Primitive parsing (the table of what each word means).
int Parser::parse_test(int pos, bool negated) {
    if (pos >= size())
        return pos;
    const std::string& first_word = words_[pos];
    if (first_word == ")" || first_word == "||" || first_word == "or" || first_word == "?" || first_word == ":")
        return pos;

    if (first_word == "true") {
        prog_.add_insn(tree_, 0, 0, 0);
        if (negated)
            prog_.negate_subtree(tree_);
        return pos + 1;
    }
    if (first_word == "false") {
        prog_.add_insn(tree_, 0, 0, 0);
        if (!negated)
            prog_.negate_subtree(tree_);
        return pos + 1;
    }

    // quals [relop] data
    const int first_pos = pos;
    Primitive prim;
    int header = 0;

    for (; pos < size(); ++pos) {
        const std::string& wd = words_[pos];
        uint32_t wdata = 0;
        int wt = lookup(wd, 0, UNKNOWN, wdata, nullptr);

        if (wt >= 0 && wt == TYPE_TYPE) {
            prim.set_type(int(wdata), errh_);
            if ((wdata & TYPE_FIELD) && (wdata & FIELD_PROTO_MASK))
                prim.set_transp_proto(int((wdata & FIELD_PROTO_MASK) >> FIELD_PROTO_SHIFT), errh_);
        } else if (wt >= 0 && wt == TYPE_PROTO)
            prim.set_transp_proto(int(wdata), errh_);
        else if (wt != -1)
            break;
        else if (wd == "src") {
            if (pos + 2 < size() && (words_[pos + 2] == "dst" || words_[pos + 2] == "dest")) {
                if (words_[pos + 1] == "and" || words_[pos + 1] == "&&") {
                    prim.set_srcdst(SD_AND, errh_);
                    pos += 2;
                } else if (words_[pos + 1] == "or" || words_[pos + 1] == "||") {
                    prim.set_srcdst(SD_OR, errh_);
                    pos += 2;
                } else
                    prim.set_srcdst(SD_SRC, errh_);
            } else
                prim.set_srcdst(SD_SRC, errh_);
        } else if (wd == "dst" || wd == "dest")
            prim.set_srcdst(SD_DST, errh_);
        else if (wd == "ip" || wd == "ether") {
            if (header)
                break;
            header = wd[0];
        } else if (wd == "not" || wd == "!")
            negated = !negated;
        else
            break;
    }

    // The previous primitive's qualifiers carry over only to bare data.
    if (pos != first_pos)
        prev_prim_.clear();
    if (prev_prim_.data == TYPE_ETHER)
        header = 'e';

    auto word_at = [&](int p) { return p >= size() - 1 ? std::string() : words_[p]; };

    std::string wd = word_at(pos);
    if (wd == "[" && pos > first_pos && prim.type == TYPE_NONE) {
        pos = parse_brackets(prim, pos);
        wd = word_at(pos);
    }

    // optional bitmask
    int mask_dt = 0;
    uint32_t provided_mask = 0;
    uint8_t provided_eth_mask[6] = {0, 0, 0, 0, 0, 0};
    if (wd == "&" && pos < size() - 1) {
        if (uint_arg(words_[pos + 1], provided_mask)) {
            mask_dt = TYPE_INT;
            pos += 2;
        } else if (header != 'e' && lexical::parse_ip(words_[pos + 1])) {
            provided_mask = *lexical::parse_ip(words_[pos + 1]);
            mask_dt = TYPE_HOST;
            pos += 2;
        } else if (header != 'i' && lexical::parse_ether(words_[pos + 1], provided_eth_mask)) {
            mask_dt = TYPE_ETHER;
            pos += 2;
        }
        if (mask_dt && mask_dt != TYPE_ETHER && !provided_mask) {
            errh_.error("zero mask ignored");
            mask_dt = 0;
        }
        wd = word_at(pos);
    }

    // optional relational operation
    ++pos;
    if (wd == "=" || wd == "==")
        /* nada */;
    else if (wd == "!=")
        prim.op_negated = true;
    else if (wd == ">")
        prim.op = OP_GT;
    else if (wd == "<")
        prim.op = OP_LT;
    else if (wd == ">=") {
        prim.op = OP_LT;
        prim.op_negated = true;
    } else if (wd == "<=") {
        prim.op = OP_GT;
        prim.op_negated = true;
    } else
        --pos;

    // the data
    if (pos < size()) {
        wd = words_[pos];
        uint32_t wdata = 0;
        int wt = lookup(wd, prim.type, prim.transp_proto, wdata, &errh_);
        ++pos;
        int32_t ival;

        if (wt == -2)
            prim.type = -2;   // absorb the word; already reported
        else if (wt != -1 && wt != TYPE_TYPE) {
            prim.data = wt;
            prim.u = wdata;
        } else if (int_arg(wd, ival)) {
            prim.u = uint32_t(ival);
            prim.data = TYPE_INT;
        } else if (auto ip = header != 'e' ? lexical::parse_ip(wd) : std::nullopt) {
            prim.u = *ip;
            std::optional<uint32_t> m;
            if (pos < size() - 1 && words_[pos] == "mask" && (m = lexical::parse_ip(words_[pos + 1]))) {
                prim.mask = *m;
                pos += 2;
                prim.data = TYPE_NET;
            } else
                prim.data = TYPE_HOST;
        } else if (auto pfx = header != 'e' ? lexical::parse_ip_prefix(wd) : std::nullopt) {
            prim.u = pfx->addr;
            prim.mask = pfx->mask;
            prim.data = TYPE_NET;
        } else if (header != 'i' && lexical::parse_ether(wd, prim.eth))
            prim.data = TYPE_ETHER;
        else {
            if (prim.op != OP_EQ || prim.op_negated)
                errh_.error("dangling operator near " + q(wd));
            --pos;
        }
    }

    if (pos == first_pos) {
        errh_.error("empty term near " + q(wd));
        return pos;
    }

    if (prim.check(prev_prim_, header, mask_dt, provided_mask, provided_eth_mask, errh_) >= 0) {
        prim.compile(prog_, tree_);
        if (negated)
            prog_.negate_subtree(tree_);
        prev_prim_ = prim;
    }
    return pos;
}

void warn_unused_outputs(const Program& prog, int noutputs, Diagnostics& diag) {
    const std::vector<bool> used = prog.reachable_outputs();
    for (int i = 0; i < noutputs; ++i)
        if (!used[i])
            diag.warnings.push_back("output " + std::to_string(i) + " matches no packets");
}

}  // namespace

bool compile_ipfilter(const std::vector<std::string>& args, int noutputs, Program& out, Diagnostics& diag) {
    Builder prog;
    std::vector<int> tree = prog.init_subtree();
    prog.start_subtree(tree);
    const size_t first_error = diag.errors.size();

    for (size_t argno = 0; argno < args.size(); ++argno) {
        const Words words = separate_text(lexical::clean_argument(args[argno]));
        if (words.empty()) {
            diag.errors.push_back("empty pattern " + std::to_string(argno));
            continue;
        }
        Errors cerrh{&diag, "pattern " + std::to_string(argno) + ": "};

        int slot = -detail::j_never;
        const std::string& slotwd = words[0];
        int32_t n;
        if (slotwd == "allow") {
            slot = 0;
            if (noutputs == 0)
                cerrh.error("'allow' is meaningless, element has zero outputs");
        } else if (slotwd == "deny") {
            if (noutputs > 1)
                cerrh.warning("meaning of 'deny' has changed (now it means 'drop')");
        } else if (slotwd == "drop")
            /* nada */;
        else if (int_arg(slotwd, n)) {
            slot = n;
            if (slot < 0 || slot >= noutputs) {
                cerrh.error("slot '" + std::to_string(slot) + "' out of range");
                slot = -detail::j_never;
            }
        } else
            cerrh.error("unknown slot ID " + q(slotwd));

        prog.start_subtree(tree);
        if (words.size() == 1 || (words.size() == 2 && (words[1] == "-" || words[1] == "any" || words[1] == "all")))
            prog.add_insn(tree, 0, 0, 0);
        else {
            Parser parser(words, tree, prog, cerrh);
            int pos = parser.parse_expr_iterative(1);
            if (pos < int(words.size()))
                cerrh.error("garbage after expression at " + q(words[pos]));
        }
        prog.finish_subtree(tree, Combiner::And, -slot);
    }
    prog.finish_subtree(tree, Combiner::Or, detail::j_never, detail::j_never);

    if (diag.errors.size() != first_error)
        return false;
    prog.finish(OffsetSpace::IpRegions, noutputs, out);
    return true;
}

bool compile_ipclassifier(const std::vector<std::string>& args, Program& out, Diagnostics& diag) {
    std::vector<std::string> conf;
    conf.reserve(args.size());
    for (size_t i = 0; i < args.size(); ++i)
        conf.push_back(std::to_string(i) + " " + lexical::clean_argument(args[i]));
    const int noutputs = static_cast<int>(args.size());
    if (!compile_ipfilter(conf, noutputs, out, diag))
        return false;
    warn_unused_outputs(out, noutputs, diag);
    return true;
}

bool compile_ipfilter(const std::vector<std::string>& args, int noutputs, Program& out, std::string& err) {
    Diagnostics diag;
    bool ok = compile_ipfilter(args, noutputs, out, diag);
    err = diag.joined_errors();
    return ok;
}

bool compile_ipclassifier(const std::vector<std::string>& args, Program& out, std::string& err) {
    Diagnostics diag;
    bool ok = compile_ipclassifier(args, out, diag);
    err = diag.joined_errors();
    return ok;
}

}  // namespace netserv::classify
