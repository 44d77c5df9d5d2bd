// -*- c++ -*-
// Packet and WritablePacket, modelled on Click's <click/packet.hh>.
//
// A packet is a view [data, tail) into a buffer [head, end) that may be shared
// by clones (reference counted). Read-only code takes Packet*; code that
// writes bytes first calls uniqueify() (copying only when shared) and works
// on the returned WritablePacket*.
//
//   head            data                    tail            end
//    |<- headroom ->|<------ length ------->|<- tailroom ->|
//
// Buffers and Packet objects come from per-thread free lists (the engine is
// single-threaded like userlevel Click), so the forwarding path never calls
// malloc once the pools are warm. Packets longer than the pooled buffer size
// fall back to the heap.
//
// Annotations: the header pointers (mac/network/transport), timestamp,
// packet type, and a 48-byte annotation area addressed by the *_ANNO_OFFSET
// constants below (dst IP, paint, ...), as Click's packet_anno.hh.
#ifndef NETSERV_CLICK_PACKET_HH
#define NETSERV_CLICK_PACKET_HH
#include <click/glue.hh>
#include <click/ipaddress.hh>
#include <clicknet/ip.h>
#include <clicknet/ether.h>
#include <cstring>
CLICK_DECLS

class WritablePacket;

// Offsets into the annotation area (bytes), Click-compatible names.
#define DST_IP_ANNO_OFFSET 0            // 4 bytes: IPAddress (network order)
#define PAINT_ANNO_OFFSET 16            // 1 byte
#define ICMP_PARAMPROB_ANNO_OFFSET 17   // 1 byte
#define FIX_IP_SRC_ANNO_OFFSET 18       // 1 byte
#define VLAN_TCI_ANNO_OFFSET 20         // 2 bytes
#define AGGREGATE_ANNO_OFFSET 24        // 4 bytes
#define EXTRA_PACKETS_ANNO_OFFSET 28    // 4 bytes
#define EXTRA_LENGTH_ANNO_OFFSET 32     // 4 bytes
#define SEQUENCE_NUMBER_ANNO_OFFSET 36  // 4 bytes
#define PAINT_ANNO(p) ((p)->anno_u8(PAINT_ANNO_OFFSET))
#define SET_PAINT_ANNO(p, v) ((p)->set_anno_u8(PAINT_ANNO_OFFSET, (v)))
#define ICMP_PARAMPROB_ANNO(p) ((p)->anno_u8(ICMP_PARAMPROB_ANNO_OFFSET))
#define SET_ICMP_PARAMPROB_ANNO(p, v) ((p)->set_anno_u8(ICMP_PARAMPROB_ANNO_OFFSET, (v)))
#define FIX_IP_SRC_ANNO(p) ((p)->anno_u8(FIX_IP_SRC_ANNO_OFFSET))
#define SET_FIX_IP_SRC_ANNO(p, v) ((p)->set_anno_u8(FIX_IP_SRC_ANNO_OFFSET, (v)))

class Packet {
 public:
  enum { anno_size = 48 };
  enum { default_headroom = 48 };   // room for an Ethernet + VLAN + tunnel header
  enum { pooled_buffer_size = 2048 };  // headroom + MTU-sized frames fit

  /** Packet types, as Click's PacketType annotation (from the link layer). */
  enum PacketType { HOST = 0, BROADCAST = 1, MULTICAST = 2, OTHERHOST = 3, OUTGOING = 4, LOOPBACK = 5, FASTROUTE = 6 };

  // ---- construction / destruction ----
  /** New packet with `length` bytes (copied from `data` if non-null, else
   *  uninitialised), `headroom` bytes before and `tailroom` after. */
  static WritablePacket* make(uint32_t headroom, const void* data, uint32_t length, uint32_t tailroom);
  static WritablePacket* make(const void* data, uint32_t length);
  static WritablePacket* make(uint32_t length);
  /** Returns the packet (and, when no clone uses it, its buffer) to the pool. */
  void kill();

  // ---- data ----
  const unsigned char* data() const { return data_; }
  const unsigned char* end_data() const { return tail_; }
  uint32_t length() const { return uint32_t(tail_ - data_); }
  uint32_t headroom() const { return uint32_t(data_ - head_); }
  uint32_t tailroom() const { return uint32_t(end_ - tail_); }
  const unsigned char* buffer() const { return head_; }
  uint32_t buffer_length() const { return uint32_t(end_ - head_); }

  /** True when another packet (a clone) shares this buffer. */
  bool shared() const;
  /** A new Packet sharing this one's buffer; annotations are copied. */
  Packet* clone();
  /** A writable version: this packet if unshared, else a private copy (this
   *  packet is then released). Never null except on memory exhaustion. */
  WritablePacket* uniqueify();
  WritablePacket* uniqueify_headroom(uint32_t headroom);

  /** Prepend n bytes (data moves back); copies/reallocates if shared or the
   *  headroom is too small. Returns null (packet killed) on failure. */
  WritablePacket* push(uint32_t n);
  /** Like push but keeps the buffer shared when it can (read-only result). */
  Packet* nonunique_push(uint32_t n);
  /** Remove n bytes from the front (n is clamped to length()). */
  void pull(uint32_t n);
  /** Append n bytes (uninitialised). Returns null (packet killed) on failure. */
  WritablePacket* put(uint32_t n);
  Packet* nonunique_put(uint32_t n);
  /** Remove n bytes from the end (n is clamped to length()). */
  void take(uint32_t n);
  /** Changes the length to `len` by put/take. */
  Packet* shrink_to(uint32_t len) { if (len < length()) take(length() - len); return this; }

  // ---- header annotations (pointers into the buffer; may be null) ----
  const unsigned char* mac_header() const { return mac_; }
  const click_ether* ether_header() const { return reinterpret_cast<const click_ether*>(mac_); }
  const unsigned char* network_header() const { return nh_; }
  const click_ip* ip_header() const { return reinterpret_cast<const click_ip*>(nh_); }
  const unsigned char* transport_header() const { return th_; }
  const click_tcp* tcp_header() const { return reinterpret_cast<const click_tcp*>(th_); }
  const click_udp* udp_header() const { return reinterpret_cast<const click_udp*>(th_); }
  const click_icmp* icmp_header() const { return reinterpret_cast<const click_icmp*>(th_); }
  bool has_mac_header() const { return mac_ != nullptr; }
  bool has_network_header() const { return nh_ != nullptr; }
  bool has_transport_header() const { return th_ != nullptr; }
  /** Offsets relative to data() (may be negative after a Strip). */
  int mac_header_offset() const { return int(mac_ - data_); }
  int network_header_offset() const { return int(nh_ - data_); }
  uint32_t network_header_length() const { return uint32_t(th_ - nh_); }
  int transport_header_offset() const { return int(th_ - data_); }
  int ip_header_offset() const { return network_header_offset(); }
  uint32_t ip_header_length() const { return network_header_length(); }
  void set_mac_header(const unsigned char* p) { mac_ = const_cast<unsigned char*>(p); }
  void set_mac_header(const unsigned char* p, uint32_t len) { mac_ = const_cast<unsigned char*>(p); nh_ = mac_ + len; }
  /** Sets the network header to p and the transport header to p + len. */
  void set_network_header(const unsigned char* p, uint32_t len) { nh_ = const_cast<unsigned char*>(p); th_ = nh_ + len; }
  void set_ip_header(const click_ip* iph, uint32_t len) { set_network_header(reinterpret_cast<const unsigned char*>(iph), len); }
  void set_network_header_length(uint32_t len) { th_ = nh_ + len; }
  void set_transport_header(const unsigned char* p) { th_ = const_cast<unsigned char*>(p); }
  void clear_mac_header() { mac_ = nullptr; }
  void clear_network_header() { nh_ = nullptr; th_ = nullptr; }
  void clear_transport_header() { th_ = nullptr; }

  // ---- other annotations ----
  const Timestamp& timestamp_anno() const { return timestamp_; }
  Timestamp& timestamp_anno() { return timestamp_; }
  void set_timestamp_anno(const Timestamp& t) { timestamp_ = t; }
  PacketType packet_type_anno() const { return packet_type_; }
  void set_packet_type_anno(PacketType t) { packet_type_ = t; }
  IPAddress dst_ip_anno() const { return IPAddress(anno_u32(DST_IP_ANNO_OFFSET)); }
  void set_dst_ip_anno(IPAddress a) { set_anno_u32(DST_IP_ANNO_OFFSET, a.addr()); }
  int device_anno() const { return device_; }
  void set_device_anno(int ifindex) { device_ = ifindex; }

  uint8_t anno_u8(int off) const { return anno_[off]; }
  void set_anno_u8(int off, uint8_t v) { anno_[off] = v; }
  uint16_t anno_u16(int off) const { uint16_t v; std::memcpy(&v, anno_ + off, 2); return v; }
  void set_anno_u16(int off, uint16_t v) { std::memcpy(anno_ + off, &v, 2); }
  uint32_t anno_u32(int off) const { uint32_t v; std::memcpy(&v, anno_ + off, 4); return v; }
  void set_anno_u32(int off, uint32_t v) { std::memcpy(anno_ + off, &v, 4); }
  const unsigned char* anno() const { return anno_; }
  unsigned char* anno() { return anno_; }
  /** Clears the annotation area (and, if all, timestamp/type/device/headers). */
  void clear_annotations(bool all = true);
  /** Copies every annotation except the header pointers. */
  void copy_annotations(const Packet* p);

  // ---- pool statistics (for tests and the benchmark) ----
  struct PoolStats { uint64_t buffer_allocs; uint64_t buffer_reuses; uint64_t packet_allocs; uint64_t packet_reuses; uint64_t heap_buffers; };
  static PoolStats pool_stats();

  struct Buffer;  // shared, reference-counted storage (see packet.cc)

 protected:
  Packet() = default;
  ~Packet() = default;
  Buffer* buf_ = nullptr;
  unsigned char* head_ = nullptr;
  unsigned char* data_ = nullptr;
  unsigned char* tail_ = nullptr;
  unsigned char* end_ = nullptr;
  unsigned char* mac_ = nullptr;
  unsigned char* nh_ = nullptr;
  unsigned char* th_ = nullptr;
  Timestamp timestamp_;
  PacketType packet_type_ = HOST;
  int device_ = 0;
  Packet* next_free_ = nullptr;
  alignas(8) unsigned char anno_[anno_size] = {};

  static Packet* alloc_object();
  void shift_headers(const unsigned char* old_base, unsigned char* new_base);
  WritablePacket* expensive_push(uint32_t n);
  WritablePacket* expensive_put(uint32_t n);
  friend class WritablePacket;
};

class WritablePacket : public Packet {
 public:
  unsigned char* data() const { return data_; }
  unsigned char* end_data() const { return tail_; }
  unsigned char* buffer() const { return head_; }
  unsigned char* mac_header() const { return mac_; }
  click_ether* ether_header() const { return reinterpret_cast<click_ether*>(mac_); }
  unsigned char* network_header() const { return nh_; }
  click_ip* ip_header() const { return reinterpret_cast<click_ip*>(nh_); }
  unsigned char* transport_header() const { return th_; }
  click_tcp* tcp_header() const { return reinterpret_cast<click_tcp*>(th_); }
  click_udp* udp_header() const { return reinterpret_cast<click_udp*>(th_); }
  click_icmp* icmp_header() const { return reinterpret_cast<click_icmp*>(th_); }
 private:
  WritablePacket() = default;
  friend class Packet;
};

CLICK_ENDDECLS
#endif
