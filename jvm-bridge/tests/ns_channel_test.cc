// ns_channel against listening SOCK_SEQPACKET sockets set up exactly as
// netserv-click's ToUserDevice/FromUserDevice do (DESIGN.md §3.2): batching,
// per-packet lengths, truncation, end of channel, bad names.
#include <gtest/gtest.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "ns_channel.h"

namespace {

int listen_at(const std::string &path) {
  int fd = socket(AF_UNIX, SOCK_SEQPACKET, 0);
  sockaddr_un sa{};
  sa.sun_family = AF_UNIX;
  strncpy(sa.sun_path, path.c_str(), sizeof sa.sun_path - 1);
  unlink(path.c_str());
  if (bind(fd, (sockaddr *)&sa, sizeof sa) != 0 || listen(fd, 1) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

class NsChannel : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/nschan-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir = tmpl;
    from_l = listen_at(dir + "/fromclick3");
    to_l = listen_at(dir + "/toclick3");
    ASSERT_GE(from_l, 0);
    ASSERT_GE(to_l, 0);
    char err[256] = "";
    ch = ns_channel_open(dir.c_str(), "3", 8, err, sizeof err);
    ASSERT_NE(ch, nullptr) << err;
    from = accept(from_l, nullptr, nullptr);
    to = accept(to_l, nullptr, nullptr);
    ASSERT_GE(from, 0);
    ASSERT_GE(to, 0);
  }
  void TearDown() override {
    if (ch) ns_channel_close(ch);
    for (int fd : {from, to, from_l, to_l})
      if (fd >= 0) close(fd);
    unlink((dir + "/fromclick3").c_str());
    unlink((dir + "/toclick3").c_str());
    rmdir(dir.c_str());
  }
  std::string dir;
  int from_l = -1, to_l = -1, from = -1, to = -1;
  ns_channel *ch = nullptr;
};

TEST_F(NsChannel, ReceivesABatchWithEachPacketsLength) {
  for (int i = 0; i < 5; i++) {
    std::vector<uint8_t> p(20 + i * 100, (uint8_t)i);
    ASSERT_EQ(send(from, p.data(), p.size(), 0), (ssize_t)p.size());
  }
  std::vector<uint8_t> slots(8 * 2048);
  int32_t lens[8], flags[8];
  int n = ns_channel_recv(ch, slots.data(), 2048, 8, lens, flags, 1000);
  ASSERT_EQ(n, 5);
  for (int i = 0; i < 5; i++) {
    EXPECT_EQ(lens[i], 20 + i * 100);
    EXPECT_EQ(flags[i], 0);
    EXPECT_EQ(slots[i * 2048], (uint8_t)i);
    EXPECT_EQ(slots[i * 2048 + lens[i] - 1], (uint8_t)i);
  }
}

TEST_F(NsChannel, BatchIsBoundedByN) {
  uint8_t p[40] = {0x45};
  for (int i = 0; i < 10; i++) ASSERT_EQ(send(from, p, sizeof p, 0), 40);
  std::vector<uint8_t> slots(8 * 256);
  int32_t lens[8], flags[8];
  EXPECT_EQ(ns_channel_recv(ch, slots.data(), 256, 3, lens, flags, 1000), 3);
  EXPECT_EQ(ns_channel_recv(ch, slots.data(), 256, 8, lens, flags, 1000), 7);
  EXPECT_EQ(ns_channel_recv(ch, slots.data(), 256, 8, lens, flags, 0), 0);
}

TEST_F(NsChannel, OversizedPacketIsReportedTruncated) {
  std::vector<uint8_t> big(3000, 0xab);
  ASSERT_EQ(send(from, big.data(), big.size(), 0), 3000);
  std::vector<uint8_t> slots(8 * 1024);
  int32_t lens[8], flags[8];
  ASSERT_EQ(ns_channel_recv(ch, slots.data(), 1024, 8, lens, flags, 1000), 1);
  EXPECT_EQ(flags[0] & NS_RX_TRUNCATED, NS_RX_TRUNCATED);
}

TEST_F(NsChannel, SendsEachPacketAsOneMessageInOrder) {
  std::vector<std::vector<uint8_t>> pkts;
  std::vector<ns_tx> tx;
  for (int i = 0; i < 20; i++) pkts.emplace_back(60 + i, (uint8_t)(i + 1));
  for (auto &p : pkts) tx.push_back({p.data(), (uint32_t)p.size()});
  ASSERT_EQ(ns_channel_send(ch, tx.data(), (int)tx.size()), 20);  // > batch of 8
  for (int i = 0; i < 20; i++) {
    uint8_t buf[256];
    ssize_t r = recv(to, buf, sizeof buf, 0);
    ASSERT_EQ(r, 60 + i);
    EXPECT_EQ(buf[0], (uint8_t)(i + 1));
  }
}

TEST_F(NsChannel, EngineCloseEndsTheChannelAfterQueuedPackets) {
  uint8_t p[28] = {0x45};
  ASSERT_EQ(send(from, p, sizeof p, 0), 28);
  close(from);
  from = -1;
  std::vector<uint8_t> slots(8 * 256);
  int32_t lens[8], flags[8];
  EXPECT_EQ(ns_channel_recv(ch, slots.data(), 256, 8, lens, flags, 1000), 1);
  EXPECT_EQ(lens[0], 28);
  errno = 0;
  EXPECT_EQ(ns_channel_recv(ch, slots.data(), 256, 8, lens, flags, 1000), -1);
  EXPECT_EQ(errno, EPIPE);
}

TEST_F(NsChannel, SendToAGoneEngineFailsWithEpipeNotSignal) {
  close(to);
  to = -1;
  close(to_l);
  to_l = -1;
  uint8_t p[28] = {0x45};
  ns_tx t{p, sizeof p};
  errno = 0;
  EXPECT_EQ(ns_channel_send(ch, &t, 1), -1);
  EXPECT_EQ(errno, EPIPE);
}

TEST_F(NsChannel, ShutdownWakesABlockedReceiver) {
  ns_channel_shutdown(ch);
  std::vector<uint8_t> slots(8 * 256);
  int32_t lens[8], flags[8];
  EXPECT_EQ(ns_channel_recv(ch, slots.data(), 256, 8, lens, flags, -1), -1);
  EXPECT_EQ(errno, EPIPE);
}

TEST(NsChannelOpen, RejectsBadNamesAndMissingEngine) {
  char err[256];
  EXPECT_EQ(ns_channel_open("/tmp", "../x", 8, err, sizeof err), nullptr);
  EXPECT_EQ(errno, EINVAL);
  EXPECT_EQ(ns_channel_open("/tmp", "", 8, err, sizeof err), nullptr);
  EXPECT_EQ(ns_channel_open("/tmp", "0", 0, err, sizeof err), nullptr);
  EXPECT_EQ(ns_channel_open("/tmp", "0", 100000, err, sizeof err), nullptr);
  EXPECT_EQ(ns_channel_open("/nonexistent-netserv-dir", "0", 8, err, sizeof err), nullptr);
  EXPECT_EQ(errno, ENOENT);
  EXPECT_NE(strstr(err, "/nonexistent-netserv-dir/fromclick0"), nullptr) << err;
  std::string longdir(200, 'a');
  EXPECT_EQ(ns_channel_open(longdir.c_str(), "0", 8, err, sizeof err), nullptr);
  EXPECT_EQ(errno, ENAMETOOLONG);
}

TEST(NsChannelAdopt, UsesSocketsConnectedElsewhere) {
  int rx[2], tx[2];
  ASSERT_EQ(socketpair(AF_UNIX, SOCK_SEQPACKET, 0, rx), 0);
  ASSERT_EQ(socketpair(AF_UNIX, SOCK_SEQPACKET, 0, tx), 0);
  char err[256];
  ns_channel *ch = ns_channel_adopt(rx[0], tx[0], 4, err, sizeof err);
  ASSERT_NE(ch, nullptr) << err;
  uint8_t p[30] = {0x45, 7};
  ASSERT_EQ(send(rx[1], p, sizeof p, 0), 30);
  std::vector<uint8_t> slots(4 * 128);
  int32_t lens[4], flags[4];
  ASSERT_EQ(ns_channel_recv(ch, slots.data(), 128, 4, lens, flags, 1000), 1);
  EXPECT_EQ(lens[0], 30);
  ns_tx t{slots.data(), (uint32_t)lens[0]};
  ASSERT_EQ(ns_channel_send(ch, &t, 1), 1);
  uint8_t back[64];
  EXPECT_EQ(recv(tx[1], back, sizeof back, 0), 30);
  EXPECT_EQ(back[1], 7);
  ns_channel_close(ch);  // closes rx[0], tx[0]
  close(rx[1]);
  close(tx[1]);
}

TEST(NsChannelAdopt, RefusesWhatIsNotASeqpacketSocket) {
  int st[2];
  ASSERT_EQ(socketpair(AF_UNIX, SOCK_STREAM, 0, st), 0);
  char err[256];
  EXPECT_EQ(ns_channel_adopt(st[0], st[1], 4, err, sizeof err), nullptr);
  EXPECT_NE(strstr(err, "not SOCK_SEQPACKET"), nullptr) << err;
  EXPECT_EQ(ns_channel_adopt(-1, 99999, 4, err, sizeof err), nullptr);
  close(st[0]);
  close(st[1]);
}

}  // namespace
