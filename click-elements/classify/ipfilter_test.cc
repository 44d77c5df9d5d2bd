// ipfilter_test.cc -- the IPFilter/IPClassifier pattern language: every
// primitive, qualifier carry-over, operators, fragments, options, short
// packets, and Click's error messages for bad patterns.
#include "program.hh"
#include "test_support.hh"

#include <gtest/gtest.h>

namespace netserv::classify {
namespace {

using test::Bytes;
using test::Ip;

// Output of IPClassifier(PATTERN) for the packet: true if it matched.
bool matches(const std::string& pattern, const Bytes& pkt) {
    Program p;
    std::string err;
    EXPECT_TRUE(compile_ipclassifier({pattern}, p, err)) << pattern << ": " << err;
    return p.match(test::ip_view(pkt)) == 0;
}

Ip udp(uint16_t sport, uint16_t dport) {
    Ip s;
    s.proto = 17;
    s.sport = sport;
    s.dport = dport;
    return s;
}

Ip tcp(uint16_t sport, uint16_t dport, uint8_t flags = 0x10) {
    Ip s;
    s.proto = 6;
    s.sport = sport;
    s.dport = dport;
    s.tcp_flags = flags;
    return s;
}

Ip icmp(uint8_t type) {
    Ip s;
    s.proto = 1;
    s.icmp_type = type;
    return s;
}

TEST(IPFilterLanguage, HostNetAndSrcDst) {
    Ip s = udp(1, 2);
    s.src = 0x01020304;   // 1.2.3.4
    s.dst = 0x0A020001;   // 10.2.0.1
    Bytes p = test::ip_packet(s);
    EXPECT_TRUE(matches("host 1.2.3.4", p));
    EXPECT_TRUE(matches("src host 1.2.3.4", p));
    EXPECT_FALSE(matches("dst host 1.2.3.4", p));
    EXPECT_TRUE(matches("src or dst host 10.2.0.1", p));
    EXPECT_FALSE(matches("src and dst host 1.2.3.4", p));
    EXPECT_TRUE(matches("1.2.3.4", p));
    EXPECT_TRUE(matches("dst net 10.2.0.0/16", p));
    EXPECT_TRUE(matches("dst net 10/8", p));
    EXPECT_TRUE(matches("net 10.0.0.0 mask 255.0.0.0", p));
    EXPECT_TRUE(matches("10.2.0.0/16", p));
    EXPECT_FALSE(matches("src net 10.2.0.0/16", p));
    EXPECT_TRUE(matches("src host != 9.9.9.9", p));
    EXPECT_FALSE(matches("src host != 1.2.3.4", p));
    EXPECT_TRUE(matches("dst host & 255.255.0.0 == 10.2.0.0", p));
    // implicit qualifiers carry over to bare data
    EXPECT_TRUE(matches("src host 5.6.7.8 or 1.2.3.4", p));
    EXPECT_FALSE(matches("src host 5.6.7.8 or 10.2.0.1", p));
    EXPECT_TRUE(matches("dst host 5.6.7.8 or 10.2.0.1", p));
}

TEST(IPFilterLanguage, ProtocolsAndPorts) {
    Bytes u = test::ip_packet(udp(5060, 53));
    Bytes t = test::ip_packet(tcp(40000, 80));
    EXPECT_TRUE(matches("udp", u));
    EXPECT_TRUE(matches("ip proto udp", u));
    EXPECT_TRUE(matches("ip proto 17", u));
    EXPECT_TRUE(matches("proto 17", u));
    EXPECT_FALSE(matches("tcp", u));
    EXPECT_TRUE(matches("not tcp", u));
    EXPECT_TRUE(matches("! tcp", u));
    EXPECT_TRUE(matches("ip proto != 6", u));
    EXPECT_TRUE(matches("ip proto > 16", u));
    EXPECT_TRUE(matches("src port 5060", u));
    EXPECT_TRUE(matches("udp src port 5060", u));
    EXPECT_FALSE(matches("tcp src port 5060", u));
    EXPECT_TRUE(matches("dst port domain", u));
    EXPECT_TRUE(matches("dst port dns", u));
    EXPECT_TRUE(matches("port 53", u));
    EXPECT_TRUE(matches("src or dst port 53", u));
    EXPECT_FALSE(matches("src and dst port 53", u));
    EXPECT_TRUE(matches("dst port www", t));
    EXPECT_TRUE(matches("www", t));
    EXPECT_TRUE(matches("tcp dst port 80 or 8080", t));
    EXPECT_TRUE(matches("dst tcp port 8000 or 80", t));
    EXPECT_TRUE(matches("src port > 1023", t));
    EXPECT_TRUE(matches("src port >= 40000", t));
    EXPECT_FALSE(matches("src port > 40000", t));
    EXPECT_TRUE(matches("src port <= 40000", t));
    EXPECT_FALSE(matches("src port < 40000", t));
    EXPECT_TRUE(matches("dst port != 81", t));
    EXPECT_FALSE(matches("dst port != 81", test::ip_packet(icmp(8))));   // != is not "not"
    EXPECT_TRUE(matches("!(dst port == 81)", test::ip_packet(icmp(8))));
    EXPECT_TRUE(matches("src tcp port & 0xFF00 == 0x9C00", t));   // 40000 = 0x9C40
    EXPECT_TRUE(matches("tcpudp", t));
    EXPECT_TRUE(matches("tcp or udp", u));
    EXPECT_TRUE(matches("dst port ssh or https or 80", t));
}

TEST(IPFilterLanguage, RangesAcrossTheWholeField) {
    for (int port : {0, 1, 2, 255, 256, 1023, 1024, 1025, 32767, 32768, 65534, 65535}) {
        Bytes t = test::ip_packet(tcp(1, uint16_t(port)));
        for (int bound : {0, 1, 1023, 1024, 32768, 65534, 65535}) {
            std::string b = std::to_string(bound);
            EXPECT_EQ(matches("dst port > " + b, t), port > bound) << port << " > " << bound;
            EXPECT_EQ(matches("dst port < " + b, t), port < bound) << port << " < " << bound;
            EXPECT_EQ(matches("dst port >= " + b, t), port >= bound) << port << " >= " << bound;
            EXPECT_EQ(matches("dst port <= " + b, t), port <= bound) << port << " <= " << bound;
        }
    }
}

TEST(IPFilterLanguage, IpFields) {
    Ip s = udp(1, 2);
    s.ttl = 7;
    s.tos = 0xB9;   // DSCP 46, ECT(1)
    s.id = 0x1234;
    Bytes p = test::ip_packet(s);
    EXPECT_TRUE(matches("ip ttl 7", p));
    EXPECT_TRUE(matches("ip ttl < 8", p));
    EXPECT_FALSE(matches("ip ttl > 7", p));
    EXPECT_TRUE(matches("ip tos 0xb9", p));
    EXPECT_TRUE(matches("ip tos 185", p));
    EXPECT_TRUE(matches("ip dscp 46", p));
    EXPECT_TRUE(matches("ip ect", p));
    EXPECT_FALSE(matches("ip ce", p));
    EXPECT_TRUE(matches("ip id 0x1234", p));
    EXPECT_TRUE(matches("ip vers 4", p));
    EXPECT_TRUE(matches("ip hl 5", p));
    EXPECT_TRUE(matches("ip len 36", p));
    EXPECT_TRUE(matches("ip[8] == 7", p));
    EXPECT_TRUE(matches("ip[8:1] < 10", p));
    EXPECT_TRUE(matches("ip[4:2] = 0x1234", p));
    EXPECT_TRUE(matches("transp[2:2] == 2", p));
    EXPECT_TRUE(matches("udp[0:2] == 1", p));
    EXPECT_TRUE(matches("ip ttl 7 or 8", p));
    s.tos = 0x03;
    EXPECT_TRUE(matches("ip ce", test::ip_packet(s)));
    s.tos = 0x00;
    EXPECT_FALSE(matches("ip ect", test::ip_packet(s)));
}

TEST(IPFilterLanguage, TcpAndIcmp) {
    Bytes syn = test::ip_packet(tcp(1, 2, 0x02));
    Bytes finack = test::ip_packet(tcp(1, 2, 0x11));
    EXPECT_TRUE(matches("syn", syn));
    EXPECT_TRUE(matches("tcp opt syn", syn));
    EXPECT_FALSE(matches("ack", syn));
    EXPECT_TRUE(matches("fin ack", finack));
    EXPECT_TRUE(matches("fin and ack", finack));
    EXPECT_FALSE(matches("fin && syn", finack));
    EXPECT_TRUE(matches("tcp win 8192", syn));
    EXPECT_TRUE(matches("tcp win > 1000", syn));
    Bytes echo = test::ip_packet(icmp(8));
    EXPECT_TRUE(matches("icmp type echo", echo));
    EXPECT_TRUE(matches("icmp type 8", echo));
    EXPECT_FALSE(matches("icmp type echo-reply", echo));
    EXPECT_TRUE(matches("icmp type != echo-reply", echo));
    EXPECT_TRUE(matches("icmp type > 5", echo));
    EXPECT_TRUE(matches("icmp type unreachable", test::ip_packet(icmp(3))));
    EXPECT_TRUE(matches("icmp type timeexceeded", test::ip_packet(icmp(11))));
    EXPECT_FALSE(matches("icmp type != 4", test::ip_packet(udp(1, 2))));
}

TEST(IPFilterLanguage, ConnectivesAndConstants) {
    Bytes t = test::ip_packet(tcp(1, 80));
    EXPECT_TRUE(matches("true", t));
    EXPECT_FALSE(matches("false", t));
    EXPECT_TRUE(matches("not false", t));
    EXPECT_TRUE(matches("-", t));
    EXPECT_TRUE(matches("any", t));
    EXPECT_TRUE(matches("all", t));
    EXPECT_TRUE(matches("tcp and dst port 80", t));
    EXPECT_TRUE(matches("tcp && dst port 80", t));
    EXPECT_TRUE(matches("tcp dst port 80", t));   // juxtaposition is "and"
    EXPECT_TRUE(matches("udp || (tcp && (dst port 79 || dst port 80))", t));
    EXPECT_FALSE(matches("not (tcp and dst port 80)", t));
    EXPECT_TRUE(matches("tcp ? dst port 80 : false", t));
    EXPECT_FALSE(matches("udp ? true : dst port 81", t));
    EXPECT_TRUE(matches("((((tcp))))", t));
    EXPECT_TRUE(matches("! ! tcp", t));
}

TEST(IPFilterLanguage, FragmentsOnlyMatchTransportTestsOnFirstFragment) {
    Ip first = udp(9, 5060);
    first.frag = 0x2000;   // MF, offset 0
    Ip later = udp(9, 5060);
    later.frag = 0x004B;   // offset 75*8
    EXPECT_TRUE(matches("ip frag", test::ip_packet(first)));
    EXPECT_TRUE(matches("ip frag", test::ip_packet(later)));
    EXPECT_FALSE(matches("ip unfrag", test::ip_packet(later)));
    EXPECT_TRUE(matches("unfrag", test::ip_packet(udp(9, 5060))));
    EXPECT_TRUE(matches("dst port 5060", test::ip_packet(first)));
    EXPECT_FALSE(matches("dst port 5060", test::ip_packet(later)));
    EXPECT_FALSE(matches("dst port != 5061", test::ip_packet(later)));
    EXPECT_TRUE(matches("udp", test::ip_packet(later)));
    EXPECT_TRUE(matches("udp[0:2] == 9", test::ip_packet(first)));
    EXPECT_FALSE(matches("udp[0:2] == 9", test::ip_packet(later)));
}

TEST(IPFilterLanguage, OptionsMoveTheTransportHeader) {
    Ip s = tcp(1111, 2222);
    s.options = 8;
    Bytes p = test::ip_packet(s);
    EXPECT_TRUE(matches("src port 1111 and dst port 2222", p));
    EXPECT_TRUE(matches("ip hl 7", p));
    // The annotation, when the element layer knows it, wins over IHL.
    Program prog;
    std::string err;
    ASSERT_TRUE(compile_ipclassifier({"src port 1111"}, prog, err));
    PacketView v = test::ip_view(p);
    v.transport_offset = 28;
    EXPECT_EQ(prog.match(v), 0);
    v.transport_offset = 20;
    EXPECT_EQ(prog.match(v), -1);
}

TEST(IPFilterLanguage, ShortPacketsTakeClicksShortBranches) {
    // IP header only: every transport test is short.
    Ip s = tcp(1, 80);
    Bytes full = test::ip_packet(s);
    Bytes hdr(full.begin(), full.begin() + 20);
    EXPECT_TRUE(matches("tcp", hdr));
    EXPECT_FALSE(matches("dst port 80", hdr));
    EXPECT_FALSE(matches("dst port != 80", hdr));
    EXPECT_TRUE(matches("not dst port 80", hdr));
    EXPECT_FALSE(matches("tcp opt syn", hdr));
    EXPECT_FALSE(matches("ip frag", Bytes(full.begin(), full.begin() + 5)));
    EXPECT_FALSE(matches("ip unfrag", Bytes(full.begin(), full.begin() + 5)));
    EXPECT_FALSE(matches("src host 10.0.0.1", Bytes(full.begin(), full.begin() + 14)));
    EXPECT_TRUE(matches("src host != 10.0.0.1", Bytes(full.begin(), full.begin() + 14)) == false);
    // Two transport bytes: source port readable, destination port not.
    Bytes two(full.begin(), full.begin() + 22);
    EXPECT_TRUE(matches("src port 1", two));
    EXPECT_FALSE(matches("dst port 80", two));
    // No network header annotation at all.
    Program prog;
    std::string err;
    ASSERT_TRUE(compile_ipclassifier({"tcp", "-"}, prog, err));
    EXPECT_EQ(prog.match(PacketView{full.data(), uint32_t(full.size()), -1}), 1);
    EXPECT_EQ(prog.match(PacketView{nullptr, 0, 0}), 1);
}

TEST(IPFilterLanguage, EtherHost) {
    Bytes frame = {0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, 0x08, 0x00};
    Bytes ip = test::ip_packet(udp(1, 2));
    frame.insert(frame.end(), ip.begin(), ip.end());
    Program prog;
    std::string err;
    ASSERT_TRUE(compile_ipclassifier({"ether src host 66:77:88:99:aa:bb", "ether dst host 00:11:22:33:44:55", "-"}, prog,
                                     err))
        << err;
    PacketView v{frame.data(), uint32_t(frame.size()), 14, -1, 0};
    EXPECT_EQ(prog.match(v), 0);
    frame[6] = 0;
    EXPECT_EQ(prog.match(v), 1);
    frame[0] = 1;
    EXPECT_EQ(prog.match(v), 2);
}

TEST(IPFilterLanguage, FilterActions) {
    Program prog;
    std::string err;
    ASSERT_TRUE(compile_ipfilter({"allow tcp", "1 udp", "deny icmp", "drop src host 10.0.0.1", "2 all"}, 3, prog, err))
        << err;
    EXPECT_EQ(prog.match(test::ip_view(test::ip_packet(tcp(1, 2)))), 0);
    EXPECT_EQ(prog.match(test::ip_view(test::ip_packet(udp(1, 2)))), 1);
    EXPECT_EQ(prog.match(test::ip_view(test::ip_packet(icmp(8)))), -1);
    Ip igmp;
    igmp.proto = 2;
    EXPECT_EQ(prog.match(test::ip_view(test::ip_packet(igmp))), -1);   // src 10.0.0.1
    igmp.src = 0x0A000009;
    EXPECT_EQ(prog.match(test::ip_view(test::ip_packet(igmp))), 2);
    // No pattern matched: dropped.
    ASSERT_TRUE(compile_ipfilter({"allow tcp"}, 1, prog, err));
    EXPECT_EQ(prog.match(test::ip_view(test::ip_packet(udp(1, 2)))), -1);
    // The action alone matches everything.
    ASSERT_TRUE(compile_ipfilter({"allow"}, 1, prog, err));
    EXPECT_EQ(prog.match(test::ip_view(test::ip_packet(udp(1, 2)))), 0);
}

TEST(IPFilterLanguage, CommentsAndQuotes) {
    Program prog;
    std::string err;
    ASSERT_TRUE(compile_ipfilter({"// Spoof-1:\n deny src 10.0.0.1", "/* web */ allow \"tcp\" && dst port 80"}, 1,
                                 prog, err))
        << err;
    EXPECT_EQ(prog.match(test::ip_view(test::ip_packet(tcp(1, 80)))), -1);   // src 10.0.0.1
    Ip s = tcp(1, 80);
    s.src = 0x0B000001;
    EXPECT_EQ(prog.match(test::ip_view(test::ip_packet(s))), 0);
}

struct BadPattern {
    std::vector<std::string> args;
    int noutputs;
    std::string error;
};

TEST(IPFilterLanguage, BadPatternsReportClicksErrors) {
    const BadPattern cases[] = {
        {{"allow"}, 0, "pattern 0: 'allow' is meaningless, element has zero outputs"},
        {{"3 tcp"}, 2, "pattern 0: slot '3' out of range"},
        {{"foo tcp"}, 1, "pattern 0: unknown slot ID 'foo'"},
        {{""}, 1, "empty pattern 0"},
        {{"allow tcp )"}, 1, "pattern 0: garbage after expression at ')'"},
        {{"allow (tcp"}, 1, "pattern 0: missing ')'"},
        {{"allow tcp and"}, 1, "pattern 0: missing expression"},
        {{"allow not"}, 1, "pattern 0: missing expression after 'not'"},
        {{"allow ()"}, 1, "pattern 0: missing expression after '('"}, {{"allow ()"}, 1, "pattern 0: missing expression"},
        {{"allow tcp ? udp"}, 1, "pattern 0: missing ':' in ternary expression"},
        {{"allow host"}, 1, "pattern 0: 'ip host': address missing"},
        {{"allow port"}, 1, "pattern 0: 'port': value missing"},
        {{"allow port 70000"}, 1, "pattern 0: 'port': out of range, bound 65535"},
        {{"allow ip ttl 300"}, 1, "pattern 0: 'ip ttl': out of range, bound 255"},
        {{"allow host > 1.2.3.4"}, 1, "pattern 0: 'ip host': operator not supported"},
        {{"allow echo"}, 1, "pattern 0: '<none>  echo' is ambiguous; try 'port  echo', 'port  echo', 'icmp type  echo'"},
        {{"allow ip ttl > zzz"}, 1, "pattern 0: dangling operator near 'zzz'"},
        {{"allow 1.2.3.4 5"}, 1, "pattern 0: specify header field or 'port'"},
        {{"allow ip[1:5] 3"}, 1, "pattern 0: LEN in '[POS:LEN]' out of range, should be between 1 and 4"},
        {{"allow ip[3:2] 3"}, 1, "pattern 0: field [3:2] does not fit in a single word"},
        {{"allow ip[x] 3"}, 1, "pattern 0: syntax error after '[', expected '[POS]' or '[POS:LEN]'"},
        {{"allow ip[3"}, 1, "pattern 0: missing ']'"},
        {{"allow tcp udp opt syn"}, 1, "pattern 0: transport protocol specified twice"},
        {{"allow src dst host 1.2.3.4"}, 1, "pattern 0: 'src' or 'dst' specified twice"},
        {{"allow host port 1"}, 1, "pattern 0: type specified twice"},
        {{"allow ip ttl & 0 == 1"}, 1, "pattern 0: zero mask ignored"},
        {{"allow ip ttl & 0x1ff == 1"}, 1, "pattern 0: 'ip ttl': mask out of range, bound 0xFF"},
        {{"allow tcp opt & 3 syn"}, 1, "pattern 0: 'tcp opt': operator or mask not supported"},
        {{"allow ip frag 3"}, 1, "pattern 0: 'ip frag': value not supported"},
        {{"allow udp opt syn"}, 1, "pattern 0: 'tcp opt udp syn' is meaningless; try 'tcp opt udp syn'"},
        {{"allow icmp port 3"}, 1, "pattern 0: 'port': bad protocol 1"},
        {{"allow ip"}, 1, "pattern 0: partial directive"},
        {{"allow ether host 1.2.3.4"}, 1, "pattern 0: 'ether host': address missing"},
    };
    for (const BadPattern& c : cases) {
        Program prog;
        Diagnostics diag;
        EXPECT_FALSE(compile_ipfilter(c.args, c.noutputs, prog, diag)) << c.args[0];
        bool found = false;
        for (const std::string& e : diag.errors)
            found |= e == c.error;
        EXPECT_TRUE(found) << c.args[0] << " gave: " << diag.joined_errors();
    }
}

TEST(IPFilterLanguage, Warnings) {
    Program prog;
    Diagnostics diag;
    ASSERT_TRUE(compile_ipfilter({"allow ip ttl > 255", "deny src ip ttl 3"}, 2, prog, diag));
    ASSERT_EQ(diag.warnings.size(), 3u);
    EXPECT_EQ(diag.warnings[0], "pattern 0: relation '> 255' is always false (range 0-255)");
    EXPECT_EQ(diag.warnings[1], "pattern 1: meaning of 'deny' has changed (now it means 'drop')");
    EXPECT_EQ(diag.warnings[2], "pattern 1: 'src ip ttl': 'src' or 'dst' ignored");
    Diagnostics d2;
    ASSERT_TRUE(compile_ipclassifier({"tcp", "tcp", "-"}, prog, d2));
    ASSERT_EQ(d2.warnings.size(), 1u);
    EXPECT_EQ(d2.warnings[0], "output 1 matches no packets");
}

TEST(IPFilterLanguage, ProgramText) {
    Program prog;
    std::string err;
    ASSERT_TRUE(compile_ipclassifier({"false", "false"}, prog, err));
    EXPECT_EQ(prog.unparse(), "all->[2147483647]\nsafe length 0\nalignment offset 0\n");
    ASSERT_TRUE(compile_ipclassifier({"dst port 1 or 2 or 3 or 4 or 5 or 6 or 7 or 8", "-"}, prog, err));
    const std::string text = prog.unparse();
    EXPECT_NE(text.find("512/00000001%0000ffff  yes->[0]  no->step"), std::string::npos) << text;
    EXPECT_NE(text.find("safe length 516"), std::string::npos) << text;
    for (int port = 0; port < 12; ++port)
        EXPECT_EQ(prog.match(test::ip_view(test::ip_packet(udp(1, uint16_t(port))))), port >= 1 && port <= 8 ? 0 : 1);
}

}  // namespace
}  // namespace netserv::classify
