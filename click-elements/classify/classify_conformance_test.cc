// conformance_test.cc -- replays the Classifier and IPFilter sample
// configurations of /work/shared/click-conformance on in.pcap and compares
// every output with what real Click 2.1 produced.
#include "program.hh"
#include "test_support.hh"

#include <gtest/gtest.h>
#include <sys/stat.h>

namespace netserv::classify {
namespace {

using test::Bytes;

bool exists(const std::string& p) {
    struct stat st;
    return stat(p.c_str(), &st) == 0;
}

TEST(Conformance, ClassifierMatchesClick) {
    const std::string dir = test::shared_dir() + "/click-conformance";
    if (!exists(dir + "/in.pcap"))
        GTEST_SKIP() << "conformance material absent: " << dir;
    Program prog;
    std::string err;
    ASSERT_TRUE(compile_classifier({"12/0806 20/0001", "12/0806 20/0002", "12/0800", "12/86dd", "-"}, prog, err))
        << err;
    std::vector<std::vector<Bytes>> got(5);
    for (const Bytes& p : test::read_pcap(dir + "/in.pcap")) {
        int port = prog.match(PacketView{p.data(), uint32_t(p.size()), -1});
        ASSERT_GE(port, 0);
        got[port].push_back(p);
    }
    for (int i = 0; i < 5; ++i)
        EXPECT_EQ(got[i], test::read_pcap(dir + "/expected/01-classifier/o" + std::to_string(i) + ".pcap"))
            << "output " << i;
}

TEST(Conformance, IPFilterMatchesClick) {
    const std::string dir = test::shared_dir() + "/click-conformance";
    if (!exists(dir + "/in.pcap"))
        GTEST_SKIP() << "conformance material absent: " << dir;
    Program ether, filter;
    std::string err;
    ASSERT_TRUE(compile_classifier({"12/0800"}, ether, err)) << err;
    ASSERT_TRUE(compile_ipfilter({"allow udp && dst port 5060", "deny src net 192.168.0.0/16",
                                  "1 tcp && (dst port 80 || dst port 8080)", "2 icmp",
                                  "allow dst net 10.2.0.0/16 and not tcp", "drop all"},
                                 3, filter, err))
        << err;
    std::vector<std::vector<Bytes>> got(3);
    for (const Bytes& frame : test::read_pcap(dir + "/in.pcap")) {
        if (ether.match(PacketView{frame.data(), uint32_t(frame.size()), -1}) != 0)
            continue;
        Bytes ip(frame.begin() + 14, frame.end());
        if (!test::check_ip_header(ip))
            continue;
        int port = filter.match(test::ip_view(ip));
        if (port >= 0)
            got[port].push_back(ip);
    }
    for (int i = 0; i < 3; ++i)
        EXPECT_EQ(got[i], test::read_pcap(dir + "/expected/03-ipfilter/o" + std::to_string(i) + ".pcap"))
            << "output " << i;
}

}  // namespace
}  // namespace netserv::classify
