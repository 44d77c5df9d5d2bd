// userdevice_test.cc -- ToUserDevice / FromUserDevice in a router, with test
// peers on the SOCK_SEQPACKET channel sockets: one message per packet, the
// bounded drop-tail queue, a new peer replacing the old one, a reader that
// goes away, the IP annotations on what comes back, and bad configurations.
#include <click/element.hh>
#include <click/error.hh>
#include <click/packet.hh>
#include <click/router.hh>

#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

namespace netserv {
namespace {

class Channels : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/userdevice_test.XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override {
    router_.reset();
    for (int fd : fds_) close(fd);
    String cmd = "rm -rf " + dir_;
    (void)!system(cmd.c_str());
  }
  void make(const String& config) {
    router_ = Router::make(config, "test.click", {{"DIR", dir_}}, &errh_);
    ASSERT_TRUE(router_) << errh_.str();
  }
  void spin(int n = 50) { for (int i = 0; i < n; ++i) router_->run_once(false); }
  int connect_to(const String& name) {
    int fd = socket(AF_UNIX, SOCK_SEQPACKET, 0);
    struct sockaddr_un sun;
    std::memset(&sun, 0, sizeof sun);
    sun.sun_family = AF_UNIX;
    String path = dir_ + "/" + name;
    std::memcpy(sun.sun_path, path.c_str(), path.size());
    EXPECT_EQ(connect(fd, reinterpret_cast<sockaddr*>(&sun), sizeof sun), 0) << path << ": " << strerror(errno);
    fds_.push_back(fd);
    spin();   // the router accepts
    return fd;
  }
  // Receives one message (or returns "" on EOF, "<none>" when nothing is waiting).
  String recv_msg(int fd) {
    struct pollfd p = {fd, POLLIN, 0};
    if (poll(&p, 1, 200) <= 0) return "<none>";
    char buf[4096];
    ssize_t n = recv(fd, buf, sizeof buf, MSG_DONTWAIT);
    return n <= 0 ? String() : String(buf, size_t(n));
  }
  String read(const String& h) {
    String v;
    EXPECT_GE(router_->handler_read(h, v, &errh_), 0) << h;
    while (!v.empty() && v.back() == '\n') v.pop_back();
    return v;
  }
  String dir_;
  StringErrorHandler errh_;
  std::unique_ptr<Router> router_;
  Vector<int> fds_;
};

// 20-byte IPv4 header, src 1.2.3.4, dst 5.6.7.8, then two payload bytes.
const char kPacket[] = "\"\\<45000016 00000000 4011 0000 01020304 05060708 abcd>\"";

TEST_F(Channels, OneMessagePerPacketInOrder) {
  make(String("s :: InfiniteSource(DATA ") + kPacket + ", LIMIT 3, ACTIVE false) -> Paint(1) -> to :: ToUserDevice(0, DEVDIR $DIR);");
  int fd = connect_to("fromclick0");
  EXPECT_EQ(read("to.connected"), "true");
  ASSERT_GE(router_->handler_write("s.active", "true", &errh_), 0);
  spin();
  for (int i = 0; i < 3; ++i) {
    String m = recv_msg(fd);
    ASSERT_EQ(m.size(), 22u) << "message " << i;
    EXPECT_EQ((unsigned char)m[0], 0x45);
    EXPECT_EQ((unsigned char)m[21], 0xcd);
  }
  EXPECT_EQ(recv_msg(fd), "<none>");
  EXPECT_EQ(read("to.count"), "3");
  EXPECT_EQ(read("to.drops"), "0");
}

TEST_F(Channels, BoundedQueueDropsTheNewest) {
  make(String("s :: InfiniteSource(DATA ") + kPacket + ", LIMIT 20, BURST 20) -> to :: ToUserDevice(1, DEVDIR $DIR, CAPACITY 5);");
  spin();
  EXPECT_EQ(read("to.length"), "5");
  EXPECT_EQ(read("to.drops"), "15");
  EXPECT_EQ(read("to.capacity"), "5");
  int fd = connect_to("fromclick1");
  spin();
  int got = 0;
  while (recv_msg(fd).size() == 22) ++got;
  EXPECT_EQ(got, 5) << "the 5 queued packets reach the peer that connects later";
  EXPECT_EQ(read("to.length"), "0");
}

TEST_F(Channels, NewPeerReplacesOldAndReaderMayLeave) {
  make(String("s :: InfiniteSource(DATA ") + kPacket + ", LIMIT 1, ACTIVE false) -> to :: ToUserDevice(2, DEVDIR $DIR);");
  int a = connect_to("fromclick2");
  int b = connect_to("fromclick2");
  EXPECT_EQ(recv_msg(a), "") << "the old peer sees EOF";
  ASSERT_GE(router_->handler_write("s.active", "true", &errh_), 0);
  spin();
  EXPECT_EQ(recv_msg(b).size(), 22u);
  EXPECT_EQ(read("to.connections"), "2");
  close(b);
  fds_.pop_back();
  spin();
  EXPECT_EQ(read("to.connected"), "false") << "a reader that leaves is noticed";
}

TEST_F(Channels, FromUserDeviceEmitsIPv4WithAnnotations) {
  make("FromUserDevice(3, DEVDIR $DIR) -> c :: Counter -> chk :: CheckIPHeader -> ok :: Counter -> Discard;"
       " chk[1] -> Discard;");
  int fd = connect_to("toclick3");
  unsigned char ip[28] = {0x45, 0, 0, 28, 0, 0, 0, 0, 64, 17, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2, 0, 7, 0, 9, 0, 8, 0, 0};
  // checksum
  uint32_t sum = 0;
  for (int i = 0; i < 20; i += 2) sum += (ip[i] << 8) | ip[i + 1];
  while (sum >> 16) sum = (sum & 0xFFFF) + (sum >> 16);
  ip[10] = uint8_t(~sum >> 8); ip[11] = uint8_t(~sum);
  for (int i = 0; i < 4; ++i) ASSERT_EQ(send(fd, ip, sizeof ip, 0), ssize_t(sizeof ip));
  ASSERT_EQ(send(fd, "junk", 4, 0), 4);
  spin();
  EXPECT_EQ(read("c.count"), "5");
  EXPECT_EQ(read("ok.count"), "4") << "real IPv4 passes CheckIPHeader";
  // bad: one message without an IPv4 header
  String v;
  ASSERT_GE(router_->handler_read("FromUserDevice@1.bad", v, &errh_), 0);
  EXPECT_EQ(v.substr(0, 1), "1");
}

TEST_F(Channels, BadConfigurationsAreRefused) {
  const char* bad[] = {
      "ToUserDevice(../0, DEVDIR $DIR)", "ToUserDevice(0, DEVDIR $DIR, CAPACITY 0)",
      "ToUserDevice(0, DEVDIR $DIR, DROP_TAIL false)", "ToUserDevice(0, DEVDIR $DIR, NOPE 1)",
      "FromUserDevice(0, DEVDIR $DIR, BURST 0) -> Discard", "FromUserDevice(0, DEVDIR $DIR, MTU 5) -> Discard"};
  for (const char* c : bad) {
    StringErrorHandler e;
    EXPECT_FALSE(Router::make(c, "bad.click", {{"DIR", dir_}}, &e)) << c;
    EXPECT_GT(e.nerrors(), 0) << c;
  }
}

}  // namespace
}  // namespace netserv
