// Packet buffers and the recycling pools.
//
// Buffer layout (one allocation):
//   +-----------------+----------------------------------------------+
//   | Buffer (16 B)   | bytes[capacity]                              |
//   | refcount, cap,  |  head ......................................end|
//   | pooled          |                                              |
//   +-----------------+----------------------------------------------+
// Pooled buffers have capacity pooled_buffer_size and return to a free list;
// larger ones are heap-allocated and freed. Packet objects have their own
// free list. Single-threaded by design (the driver is one thread).
#include <click/packet.hh>
#include <cstdlib>
#include <new>
CLICK_DECLS

struct Packet::Buffer {
  uint32_t refcount;
  uint32_t capacity;
  uint32_t pooled;
  Buffer* next_free;
  unsigned char* bytes() { return reinterpret_cast<unsigned char*>(this + 1); }
};

namespace {
struct Pools {
  Packet::Buffer* free_buffers = nullptr;
  Packet* free_packets = nullptr;
  size_t nfree_buffers = 0, nfree_packets = 0;
  Packet::PoolStats stats = {0, 0, 0, 0, 0};
  enum { max_free = 4096 };
};
Pools& pools() {
  static Pools p;
  return p;
}
}  // namespace

Packet::PoolStats Packet::pool_stats() { return pools().stats; }

static Packet::Buffer* alloc_buffer(uint32_t need) {
  Pools& P = pools();
  if (need <= Packet::pooled_buffer_size) {
    if (Packet::Buffer* b = P.free_buffers) {
      P.free_buffers = b->next_free;
      --P.nfree_buffers;
      ++P.stats.buffer_reuses;
      b->refcount = 1;
      return b;
    }
    void* m = std::malloc(sizeof(Packet::Buffer) + Packet::pooled_buffer_size);
    if (!m) return nullptr;
    ++P.stats.buffer_allocs;
    Packet::Buffer* b = static_cast<Packet::Buffer*>(m);
    b->refcount = 1;
    b->capacity = Packet::pooled_buffer_size;
    b->pooled = 1;
    return b;
  }
  void* m = std::malloc(sizeof(Packet::Buffer) + need);
  if (!m) return nullptr;
  ++P.stats.heap_buffers;
  Packet::Buffer* b = static_cast<Packet::Buffer*>(m);
  b->refcount = 1;
  b->capacity = need;
  b->pooled = 0;
  return b;
}

static void release_buffer(Packet::Buffer* b) {
  if (--b->refcount > 0) return;
  Pools& P = pools();
  if (b->pooled && P.nfree_buffers < Pools::max_free) {
    b->next_free = P.free_buffers;
    P.free_buffers = b;
    ++P.nfree_buffers;
  } else
    std::free(b);
}

Packet* Packet::alloc_object() {
  Pools& P = pools();
  Packet* p = P.free_packets;
  if (p) {
    P.free_packets = p->next_free_;
    --P.nfree_packets;
    ++P.stats.packet_reuses;
    new (p) WritablePacket();
    return p;
  }
  ++P.stats.packet_allocs;
  void* m = std::malloc(sizeof(WritablePacket));
  if (!m) return nullptr;
  return new (m) WritablePacket();
}

WritablePacket* Packet::make(uint32_t headroom, const void* data, uint32_t length, uint32_t tailroom) {
  uint32_t need = headroom + length + tailroom;
  Packet* p = alloc_object();
  if (!p) return nullptr;
  Buffer* b = alloc_buffer(need);
  if (!b) { p->next_free_ = nullptr; std::free(p); return nullptr; }
  p->buf_ = b;
  p->head_ = b->bytes();
  p->end_ = p->head_ + b->capacity;
  // Extra capacity of a pooled buffer becomes tailroom.
  p->data_ = p->head_ + headroom;
  p->tail_ = p->data_ + length;
  if (data && length) std::memcpy(p->data_, data, length);
  return static_cast<WritablePacket*>(p);
}
WritablePacket* Packet::make(const void* data, uint32_t length) { return make(default_headroom, data, length, 0); }
WritablePacket* Packet::make(uint32_t length) { return make(default_headroom, nullptr, length, 0); }

void Packet::kill() {
  if (buf_) release_buffer(buf_);
  buf_ = nullptr;
  Pools& P = pools();
  if (P.nfree_packets < Pools::max_free) {
    next_free_ = P.free_packets;
    P.free_packets = this;
    ++P.nfree_packets;
  } else
    std::free(this);
}

bool Packet::shared() const { return buf_ && buf_->refcount > 1; }

Packet* Packet::clone() {
  Packet* p = alloc_object();
  if (!p) return nullptr;
  p->buf_ = buf_;
  ++buf_->refcount;
  p->head_ = head_; p->data_ = data_; p->tail_ = tail_; p->end_ = end_;
  p->mac_ = mac_; p->nh_ = nh_; p->th_ = th_;
  p->copy_annotations(this);
  return p;
}

void Packet::shift_headers(const unsigned char* old_base, unsigned char* new_base) {
  auto fix = [&](unsigned char*& q) { if (q) q = new_base + (q - old_base); };
  fix(mac_); fix(nh_); fix(th_);
}

WritablePacket* Packet::uniqueify_headroom(uint32_t want_headroom) {
  if (!shared() && headroom() >= want_headroom) return static_cast<WritablePacket*>(this);
  uint32_t hr = headroom() > want_headroom ? headroom() : want_headroom;
  uint32_t len = length();
  uint32_t tr = tailroom();
  Buffer* b = alloc_buffer(hr + len + tr);
  if (!b) { kill(); return nullptr; }
  unsigned char* nh = b->bytes();
  // copy the whole old buffer region [head-hr_delta .. end) so headers before data survive
  std::memcpy(nh + hr - headroom(), head_, buffer_length());
  unsigned char* old_data = data_;
  unsigned char* new_data = nh + hr;
  auto fix = [&](unsigned char*& q) { if (q) q = new_data + (q - old_data); };
  fix(mac_); fix(nh_); fix(th_);
  release_buffer(buf_);
  buf_ = b;
  head_ = nh;
  data_ = new_data;
  tail_ = data_ + len;
  end_ = head_ + b->capacity;
  return static_cast<WritablePacket*>(this);
}

WritablePacket* Packet::uniqueify() { return uniqueify_headroom(0); }

WritablePacket* Packet::expensive_push(uint32_t n) {
  WritablePacket* q = uniqueify_headroom(n + default_headroom);
  if (!q) return nullptr;
  q->data_ -= n;
  return q;
}

WritablePacket* Packet::push(uint32_t n) {
  if (!shared() && headroom() >= n) { data_ -= n; return static_cast<WritablePacket*>(this); }
  return expensive_push(n);
}

Packet* Packet::nonunique_push(uint32_t n) {
  if (headroom() >= n) { data_ -= n; return this; }
  return expensive_push(n);
}

void Packet::pull(uint32_t n) {
  if (n > length()) n = length();
  data_ += n;
}

WritablePacket* Packet::expensive_put(uint32_t n) {
  uint32_t hr = headroom(), len = length();
  Buffer* b = alloc_buffer(hr + len + n);
  if (!b) { kill(); return nullptr; }
  unsigned char* nhd = b->bytes();
  std::memcpy(nhd, head_, hr + len);
  unsigned char* old_data = data_;
  unsigned char* new_data = nhd + hr;
  auto fix = [&](unsigned char*& q) { if (q) q = new_data + (q - old_data); };
  fix(mac_); fix(nh_); fix(th_);
  release_buffer(buf_);
  buf_ = b;
  head_ = nhd;
  data_ = new_data;
  tail_ = data_ + len + n;
  end_ = head_ + b->capacity;
  return static_cast<WritablePacket*>(this);
}

WritablePacket* Packet::put(uint32_t n) {
  if (!shared() && tailroom() >= n) { tail_ += n; return static_cast<WritablePacket*>(this); }
  return expensive_put(n);
}

Packet* Packet::nonunique_put(uint32_t n) {
  if (tailroom() >= n && !shared()) { tail_ += n; return this; }
  return expensive_put(n);
}

void Packet::take(uint32_t n) {
  if (n > length()) n = length();
  tail_ -= n;
}

void Packet::clear_annotations(bool all) {
  std::memset(anno_, 0, sizeof anno_);
  if (all) {
    timestamp_ = Timestamp();
    packet_type_ = HOST;
    device_ = 0;
    mac_ = nh_ = th_ = nullptr;
  }
}

void Packet::copy_annotations(const Packet* p) {
  std::memcpy(anno_, p->anno_, sizeof anno_);
  timestamp_ = p->timestamp_;
  packet_type_ = p->packet_type_;
  device_ = p->device_;
}

CLICK_ENDDECLS
