// Packet buffer semantics and the recycling pool.
#include <click/packet.hh>
#include <gtest/gtest.h>
#include <cstring>
using namespace netserv;

TEST(Packet, PushPullPutTake) {
  WritablePacket* p = Packet::make(Packet::default_headroom, "abcdef", 6, 0);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->length(), 6u);
  p->pull(2);
  EXPECT_EQ(memcmp(p->data(), "cdef", 4), 0);
  WritablePacket* q = p->push(2);
  ASSERT_EQ(q, p);  // headroom available: in place, bytes still there
  EXPECT_EQ(memcmp(q->data(), "abcdef", 6), 0);
  q->take(3);
  EXPECT_EQ(q->length(), 3u);
  q = q->put(2);
  ASSERT_TRUE(q);
  EXPECT_EQ(q->length(), 5u);
  q->kill();
}

TEST(Packet, PushBeyondHeadroomReallocatesAndKeepsHeaders) {
  WritablePacket* p = Packet::make(4, "0123456789abcdefghij", 20, 0);
  p->set_network_header(p->data() + 4, 8);
  WritablePacket* q = p->push(40);
  ASSERT_TRUE(q);
  EXPECT_EQ(q->length(), 60u);
  EXPECT_EQ(memcmp(q->data() + 40, "0123456789", 10), 0);
  EXPECT_EQ(q->network_header_offset(), 44);
  EXPECT_EQ(q->network_header_length(), 8u);
  q->kill();
}

TEST(Packet, CloneSharesAndUniqueifyCopies) {
  WritablePacket* p = Packet::make("hello", 5);
  p->set_anno_u8(PAINT_ANNO_OFFSET, 7);
  Packet* c = p->clone();
  EXPECT_TRUE(p->shared());
  EXPECT_EQ(c->data(), p->data());
  EXPECT_EQ(PAINT_ANNO(c), 7);
  WritablePacket* w = c->uniqueify();
  EXPECT_NE(w->data(), p->data());
  w->data()[0] = 'J';
  EXPECT_EQ(p->data()[0], 'h');
  EXPECT_FALSE(p->shared());
  w->kill();
  p->kill();
}

TEST(Packet, BuffersAreRecycled) {
  Packet::make(100)->kill();  // warm the pool
  auto before = Packet::pool_stats();
  for (int i = 0; i < 1000; ++i) Packet::make(Packet::default_headroom, nullptr, 1500, 0)->kill();
  auto after = Packet::pool_stats();
  EXPECT_EQ(after.buffer_allocs, before.buffer_allocs);
  EXPECT_EQ(after.packet_allocs, before.packet_allocs);
  EXPECT_EQ(after.buffer_reuses - before.buffer_reuses, 1000u);
}

TEST(Packet, LargePacketsUseTheHeap) {
  auto before = Packet::pool_stats();
  WritablePacket* p = Packet::make(Packet::default_headroom, nullptr, 9000, 0);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->length(), 9000u);
  p->kill();
  EXPECT_EQ(Packet::pool_stats().heap_buffers, before.heap_buffers + 1);
}
