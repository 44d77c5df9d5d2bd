// optimizer_test.cc -- the optimised decision DAG must classify every packet
// exactly as the program as built (Click's semantics, short packets
// included).  Random patterns against random, often truncated, packets.
#include "builder.hh"
#include "program.hh"
#include "test_support.hh"

#include <gtest/gtest.h>

#include <random>

namespace netserv::classify {
namespace {

using test::Bytes;

const char* const kPrimitives[] = {
    "tcp", "udp", "icmp", "src host 10.0.0.1", "dst host 10.0.0.2", "host 10.0.0.3", "src net 10.0.0.0/30",
    "dst net 10/8", "src port 80", "dst port 80", "port 53", "tcp dst port 80", "udp src port 53",
    "dst port > 1023", "src port < 100", "dst port >= 80", "src port <= 53", "dst port != 80",
    "ip ttl > 3", "ip ttl 1", "ip tos 0", "ip dscp 46", "ip ect", "ip ce", "ip frag", "ip unfrag", "syn",
    "ack", "tcp opt fin", "icmp type echo", "icmp type != 0", "tcp win > 100", "ip[9] == 6",
    "transp[0:2] & 0xff00 == 0", "ip id 7", "ip hl 6", "true", "false", "src port 80 or 53",
    "dst tcp port 1 or 2 or 3 or 4 or 5 or 6 or 7 or 8 or 80", "ip len < 40", "udp[2:2] > 50",
};

std::string random_expr(std::mt19937& rng, int depth) {
    std::uniform_int_distribution<int> pick(0, int(std::size(kPrimitives)) - 1);
    std::uniform_int_distribution<int> shape(0, depth > 0 ? 6 : 0);
    switch (shape(rng)) {
    case 1: return random_expr(rng, depth - 1) + " and " + random_expr(rng, depth - 1);
    case 2: return random_expr(rng, depth - 1) + " or " + random_expr(rng, depth - 1);
    case 3: return "not (" + random_expr(rng, depth - 1) + ")";
    case 4: return "(" + random_expr(rng, depth - 1) + ") " + random_expr(rng, depth - 1);
    case 5: return random_expr(rng, depth - 1) + " ? " + random_expr(rng, depth - 1) + " : " + random_expr(rng, depth - 1);
    default: return kPrimitives[pick(rng)];
    }
}

Bytes random_ip_packet(std::mt19937& rng) {
    std::uniform_int_distribution<int> d(0, 99);
    test::Ip s;
    const uint8_t protos[] = {6, 17, 1, 2};
    s.proto = protos[d(rng) % 4];
    s.src = 0x0A000000 | uint32_t(d(rng) % 5);
    s.dst = 0x0A000000 | uint32_t(d(rng) % 5);
    const uint16_t ports[] = {0, 1, 53, 79, 80, 81, 100, 1023, 1024, 65535};
    s.sport = ports[d(rng) % 10];
    s.dport = ports[d(rng) % 10];
    s.ttl = uint8_t(d(rng) % 6);
    const uint8_t tos[] = {0, 1, 2, 3, 0xB8, 0xBB};
    s.tos = tos[d(rng) % 6];
    const uint16_t frags[] = {0, 0, 0, 0x2000, 0x0001, 0x4000};
    s.frag = frags[d(rng) % 6];
    s.tcp_flags = uint8_t(d(rng) % 64);
    s.tcp_win = uint16_t(d(rng) * 3);
    s.icmp_type = uint8_t(d(rng) % 10);
    s.id = uint16_t(d(rng) % 10);
    s.options = (d(rng) % 4 == 0) ? 4 : 0;
    s.payload = d(rng) % 3;
    Bytes b = test::ip_packet(s);
    if (d(rng) < 30)
        b.resize(size_t(d(rng)) % (b.size() + 1));   // truncated anywhere
    return b;
}

TEST(Optimizer, IPClassifierAgreesWithUnoptimisedProgram) {
    std::mt19937 rng(12345);
    std::vector<detail::Insn> raw;
    detail::capture_unoptimized = &raw;
    int compiled = 0;
    for (int round = 0; round < 400; ++round) {
        std::vector<std::string> patterns;
        int n = 1 + int(rng() % 4);
        for (int i = 0; i < n; ++i)
            patterns.push_back(random_expr(rng, 2));
        Program prog;
        Diagnostics diag;
        if (!compile_ipclassifier(patterns, prog, diag))
            continue;
        ++compiled;
        for (int k = 0; k < 60; ++k) {
            Bytes pkt = random_ip_packet(rng);
            PacketView v{pkt.data(), uint32_t(pkt.size()), pkt.empty() ? -1 : 0};
            int want = detail::evaluate_unoptimized(raw, OffsetSpace::IpRegions, n, v);
            ASSERT_EQ(prog.match(v), want) << "patterns: " << ::testing::PrintToString(patterns) << "\n"
                                           << prog.unparse();
        }
    }
    detail::capture_unoptimized = nullptr;
    EXPECT_GT(compiled, 350);
}

TEST(Optimizer, LargeConfigurationsAgreeWithUnoptimisedProgram) {
    // Hundreds of rules on the same few words exercise the bounded fact
    // lists and long shifted edges.
    std::mt19937 rng(99);
    std::vector<detail::Insn> raw;
    detail::capture_unoptimized = &raw;
    std::vector<std::string> rules;
    for (int i = 0; i < 400; ++i) {
        std::string r = std::to_string(i % 3) + " ";
        switch (i % 4) {
        case 0: r += "src host 10.0.0." + std::to_string(rng() % 5) + " and dst port " + std::to_string(rng() % 100); break;
        case 1: r += "not src net 10.0.0.0/30 and " + random_expr(rng, 1); break;
        case 2: r += "dst port " + std::to_string(rng() % 1100) + " or icmp type " + std::to_string(rng() % 10); break;
        default: r += random_expr(rng, 2); break;
        }
        rules.push_back(r);
    }
    Program prog;
    std::string err;
    ASSERT_TRUE(compile_ipfilter(rules, 3, prog, err)) << err;
    detail::capture_unoptimized = nullptr;
    for (int k = 0; k < 3000; ++k) {
        Bytes pkt = random_ip_packet(rng);
        PacketView v{pkt.data(), uint32_t(pkt.size()), pkt.empty() ? -1 : 0};
        ASSERT_EQ(prog.match(v), detail::evaluate_unoptimized(raw, OffsetSpace::IpRegions, 3, v)) << k;
    }
}

TEST(Optimizer, ClassifierAgreesWithUnoptimisedProgram) {
    std::mt19937 rng(777);
    std::vector<detail::Insn> raw;
    detail::capture_unoptimized = &raw;
    const char* const clauses[] = {"12/0800", "12/0806", "!12/0800", "14/45", "20/0001", "20/00??",
                                   "23/06%0f",  "0/ff",    "13/00%01", "!23/11", "30/0a000001", "-"};
    for (int round = 0; round < 400; ++round) {
        std::vector<std::string> patterns;
        int n = 1 + int(rng() % 4);
        for (int i = 0; i < n; ++i) {
            std::string p;
            int m = 1 + int(rng() % 3);
            for (int j = 0; j < m; ++j) {
                std::string c = clauses[rng() % std::size(clauses)];
                if (c == "-") {
                    p = "-";
                    break;
                }
                p += (p.empty() ? "" : " ") + c;
            }
            patterns.push_back(p);
        }
        Program prog;
        std::string err;
        ASSERT_TRUE(compile_classifier(patterns, prog, err)) << err;
        for (int k = 0; k < 60; ++k) {
            Bytes pkt(rng() % 40);
            for (auto& b : pkt)
                b = uint8_t(rng() % 4 == 0 ? rng() : (rng() % 2 ? 0x08 : 0x00));
            if (pkt.size() > 13 && rng() % 2) {
                pkt[12] = 0x08;
                pkt[13] = rng() % 2 ? 0x00 : 0x06;
            }
            PacketView v{pkt.data(), uint32_t(pkt.size()), -1};
            ASSERT_EQ(prog.match(v), detail::evaluate_unoptimized(raw, OffsetSpace::Packet, n, v))
                << ::testing::PrintToString(patterns) << "\n"
                << prog.unparse();
        }
    }
    detail::capture_unoptimized = nullptr;
}

TEST(Optimizer, SharesRepeatedTests) {
    Program prog;
    std::string err;
    // Ten rules on the same protocol: the protocol is tested once per path.
    std::vector<std::string> rules;
    for (int i = 0; i < 10; ++i)
        rules.push_back("tcp dst port " + std::to_string(1000 + i));
    ASSERT_TRUE(compile_ipclassifier(rules, prog, err)) << err;
    int proto_tests = 0;
    for (const Program::Node& n : prog.nodes())
        proto_tests += n.offset == 264;
    EXPECT_EQ(proto_tests, 1) << prog.unparse();
}

TEST(Optimizer, ManyPortsBecomeOneMultiwayBranch) {
    // NetServ's controller gives each container slot a pattern like these.
    std::vector<std::string> slots;
    for (int i = 0; i < 20; ++i)
        slots.push_back("udp dst port " + std::to_string(5000 + 3 * i));
    slots.push_back("-");
    std::vector<detail::Insn> raw;
    detail::capture_unoptimized = &raw;
    Program prog;
    std::string err;
    ASSERT_TRUE(compile_ipclassifier(slots, prog, err)) << err;
    detail::capture_unoptimized = nullptr;
    bool multiway = false;
    for (const Program::Node& n : prog.nodes())
        multiway |= n.nvalues == 20;
    EXPECT_TRUE(multiway) << prog.unparse();
    for (int port = 4990; port < 5080; ++port)
        for (uint8_t proto : {6, 17})
            for (int cut : {0, 20, 22, 23, 24, 28}) {
                test::Ip s;
                s.proto = proto;
                s.dport = uint16_t(port);
                Bytes b = test::ip_packet(s);
                if (cut)
                    b.resize(cut);
                PacketView v = test::ip_view(b);
                int want = detail::evaluate_unoptimized(raw, OffsetSpace::IpRegions, 21, v);
                ASSERT_EQ(prog.match(v), want) << port << " " << int(proto) << " " << cut;
                if (!cut) {
                    ASSERT_EQ(want, proto == 17 && port >= 5000 && (port - 5000) % 3 == 0 && port < 5060
                                  ? (port - 5000) / 3 : 20);
                }
            }
}

// Random text must never crash the compiler or a compiled program.
TEST(Fuzz, RandomPatternTextIsRejectedOrCompiledSafely) {
    std::mt19937 rng(4242);
    const char* const tokens[] = {"tcp", "udp", "src", "dst", "host", "net", "port", "ip", "[", "]", ":", "?",
                                  "(", ")", "!", "not", "and", "or", "&&", "||", "&", "==", "!=", "<", ">=",
                                  "1.2.3.4", "10/8", "80", "0x1f", "-1", "99999999999", "www", "echo", "opt",
                                  "syn", "type", "ttl", "frag", "ether", "00:11:22:33:44:55", "mask", "true",
                                  "false", "allow", "drop", "0", "1", "transp", "ip[3:2]", "\"", "//", "/*", ","};
    const std::string chars = "abcdefxyz0123456789 ./:[]()!&|<>=?%-_,'\"\\\n\t";
    int accepted = 0;
    for (int round = 0; round < 3000; ++round) {
        std::string text;
        int n = int(rng() % 12);
        for (int i = 0; i < n; ++i) {
            if (rng() % 3)
                text += tokens[rng() % std::size(tokens)];
            else
                for (int k = int(rng() % 4); k >= 0; --k)
                    text += chars[rng() % chars.size()];
            text += rng() % 4 ? " " : "";
        }
        Program prog;
        Diagnostics diag;
        bool ok;
        switch (round % 3) {
        case 0: ok = compile_ipfilter({text}, 2, prog, diag); break;
        case 1: ok = compile_ipclassifier({text, "-"}, prog, diag); break;
        default: ok = compile_classifier({text}, prog, diag); break;
        }
        if (!ok) {
            EXPECT_FALSE(diag.errors.empty()) << text;
            continue;
        }
        ++accepted;
        for (int k = 0; k < 5; ++k) {
            Bytes pkt = random_ip_packet(rng);
            int port = prog.match(PacketView{pkt.data(), uint32_t(pkt.size()), 0});
            EXPECT_GE(port, -1);
            EXPECT_LT(port, 2);
        }
    }
    EXPECT_GT(accepted, 0);
}

}  // namespace
}  // namespace netserv::classify
