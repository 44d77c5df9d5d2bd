// classify_elements_test.cc -- Classifier, IPClassifier and IPFilter as
// elements in a router: port counts, handlers, and live reconfiguration
// (a packet sees the old or the new program; a bad write keeps the old one).
#include <click/element.hh>
#include <click/error.hh>
#include <click/packet.hh>
#include <click/router.hh>

#include <gtest/gtest.h>

#include "classify/test_support.hh"

namespace netserv {
namespace {

using classify::test::Bytes;
using classify::test::Ip;

class Fixture {
 public:
  explicit Fixture(const String& config) { router_ = Router::make(config, "conf.click", {}, &errh_); }
  Router* router() { return router_.get(); }
  const String& errors() const { return errh_.str(); }

  // Pushes an IP packet (IP header annotation set) into element NAME.
  void push_ip(const String& name, const Bytes& ip) {
    WritablePacket* p = Packet::make(64, ip.data(), uint32_t(ip.size()), 0);
    p->set_network_header(p->data(), (ip[0] & 0xF) * 4u);
    router_->find(name)->push(0, p);
  }
  void push_raw(const String& name, const Bytes& b) {
    router_->find(name)->push(0, Packet::make(64, b.data(), uint32_t(b.size()), 0));
  }
  String read(const String& h) {
    String v;
    EXPECT_GE(router_->handler_read(h, v, &errh_), 0) << h << ": " << errh_.str();
    while (!v.empty() && v.back() == '\n') v.pop_back();
    return v;
  }
  int write(const String& h, const String& value) {
    errh_.clear();
    return router_->handler_write(h, value, &errh_);
  }

 private:
  StringErrorHandler errh_;
  std::unique_ptr<Router> router_;
};

const char kIPClassifierConfig[] =
    "Idle -> c :: IPClassifier(tcp, udp, -);\n"
    "c[0] -> n0 :: Counter -> Discard; c[1] -> n1 :: Counter -> Discard; c[2] -> n2 :: Counter -> Discard;\n";

Ip with_proto(uint8_t proto) {
  Ip s;
  s.proto = proto;
  return s;
}

TEST(ClassifyElements, IPClassifierLiveReconfiguration) {
  Fixture f(kIPClassifierConfig);
  ASSERT_NE(f.router(), nullptr) << f.errors();
  f.push_ip("c", classify::test::ip_packet(with_proto(6)));
  f.push_ip("c", classify::test::ip_packet(with_proto(17)));
  f.push_ip("c", classify::test::ip_packet(with_proto(1)));
  EXPECT_EQ(f.read("n0.count"), "1");
  EXPECT_EQ(f.read("n1.count"), "1");
  EXPECT_EQ(f.read("n2.count"), "1");

  // Swap tcp and udp.
  ASSERT_GE(f.write("c.config", "udp, tcp, -"), 0) << f.errors();
  EXPECT_EQ(f.read("c.config"), "udp, tcp, -");
  f.push_ip("c", classify::test::ip_packet(with_proto(6)));
  EXPECT_EQ(f.read("n1.count"), "2");

  // A bad pattern is reported and the old program stays.
  EXPECT_LT(f.write("c.config", "udp, tcp port, -"), 0);
  EXPECT_NE(f.errors().find("pattern 1: 'port': value missing"), String::npos) << f.errors();
  EXPECT_EQ(f.read("c.config"), "udp, tcp, -");
  f.push_ip("c", classify::test::ip_packet(with_proto(17)));
  EXPECT_EQ(f.read("n0.count"), "2");

  // The number of outputs cannot change.
  EXPECT_LT(f.write("c.config", "udp, -"), 0);
  EXPECT_NE(f.errors().find("need 3 arguments, one per output port"), String::npos) << f.errors();
  f.push_ip("c", classify::test::ip_packet(with_proto(17)));
  EXPECT_EQ(f.read("n0.count"), "3");

  // One pattern at a time, as NetServ's controller does for a slot.
  EXPECT_EQ(f.read("c.pattern1"), "tcp");
  ASSERT_GE(f.write("c.pattern1", "false"), 0) << f.errors();
  EXPECT_EQ(f.read("c.config"), "udp, false, -");
  f.push_ip("c", classify::test::ip_packet(with_proto(6)));
  EXPECT_EQ(f.read("n2.count"), "2");
  EXPECT_LT(f.write("c.pattern1", "tcp and"), 0);
  EXPECT_EQ(f.read("c.pattern1"), "false");

  EXPECT_NE(f.read("c.program").find("264/00110000%00ff0000  yes->[0]"), String::npos) << f.read("c.program");

  // Per-output hits (metrics): what each output got, kept across the rewrites above.
  EXPECT_EQ(f.read("c.hits"), "0 3\n1 2\n2 2");
}

TEST(ClassifyElements, IPFilterOutputsComeFromConnections) {
  Fixture f(
      "Idle -> f :: IPFilter(allow tcp, 2 udp, drop all);\n"
      "f[0] -> n0 :: Counter -> Discard; f[1] -> Discard; f[2] -> n2 :: Counter -> Discard;\n");
  ASSERT_NE(f.router(), nullptr) << f.errors();
  f.push_ip("f", classify::test::ip_packet(with_proto(6)));
  f.push_ip("f", classify::test::ip_packet(with_proto(17)));
  f.push_ip("f", classify::test::ip_packet(with_proto(1)));
  EXPECT_EQ(f.read("n0.count"), "1");
  EXPECT_EQ(f.read("n2.count"), "1");
  EXPECT_LT(f.write("f.config", "3 tcp"), 0);
  EXPECT_NE(f.errors().find("pattern 0: slot '3' out of range"), String::npos) << f.errors();
  ASSERT_GE(f.write("f.config", "2 tcp, allow all"), 0) << f.errors();
  f.push_ip("f", classify::test::ip_packet(with_proto(6)));
  f.push_ip("f", classify::test::ip_packet(with_proto(1)));
  EXPECT_EQ(f.read("n2.count"), "2");
  EXPECT_EQ(f.read("n0.count"), "2");
}

TEST(ClassifyElements, BadConfigurationsFailWithClicksMessages) {
  Fixture a("Idle -> c :: Classifier(12/0800, 12/08) -> Discard;");
  EXPECT_EQ(a.router(), nullptr);
  EXPECT_NE(a.errors().find("need 1 arguments, one per output port"), String::npos) << a.errors();
  Fixture b("Idle -> c :: Classifier(12/080) -> Discard;");
  EXPECT_EQ(b.router(), nullptr);
  EXPECT_NE(b.errors().find("pattern 0: value has odd number of hex digits"), String::npos) << b.errors();
  Fixture c("Idle -> f :: IPFilter(allow tcp opt) -> Discard;");
  EXPECT_EQ(c.router(), nullptr);
  EXPECT_NE(c.errors().find("While configuring 'f :: IPFilter'"), String::npos) << c.errors();
}

TEST(ClassifyElements, ClassifierOnFrames) {
  Fixture f(
      "Idle -> c :: Classifier(12/0806 20/0001, 12/0800, -);\n"
      "c[0] -> n0 :: Counter -> Discard; c[1] -> n1 :: Counter -> Discard; c[2] -> n2 :: Counter -> Discard;\n");
  ASSERT_NE(f.router(), nullptr) << f.errors();
  Bytes arp(42, 0);
  arp[12] = 0x08, arp[13] = 0x06, arp[21] = 0x01;
  Bytes ip(34, 0);
  ip[12] = 0x08;
  f.push_raw("c", arp);
  f.push_raw("c", ip);
  f.push_raw("c", Bytes(10, 0));
  EXPECT_EQ(f.read("n0.count"), "1");
  EXPECT_EQ(f.read("n1.count"), "1");
  EXPECT_EQ(f.read("n2.count"), "1");
  ASSERT_GE(f.write("c.config", "12/0800, 12/0806, -"), 0) << f.errors();
  f.push_raw("c", arp);
  EXPECT_EQ(f.read("n1.count"), "2");
}

}  // namespace
}  // namespace netserv
