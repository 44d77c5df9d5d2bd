// -*- c++ -*-
#ifndef NETSERV_IPREASSEMBLER_HH
#define NETSERV_IPREASSEMBLER_HH
#include <click/element.hh>
#include <click/timer.hh>
#include <map>
#include <tuple>
CLICK_DECLS
/*
=c
IPReassembler([I<keywords> MAX_MEM_SIZE, TIMEOUT])
=s ip
reassembles fragmented IP packets
=d
Expects IP packets (IP header annotation set). Unfragmented packets pass to
output 0. Fragments are held, per (source, destination, protocol, ID), until
the whole datagram is there; then the reassembled packet (the first
fragment's header and options, fragment fields cleared, new length and
checksum, the first fragment's annotations) goes to output 0. Fragments that
cannot be part of a datagram (a fragment past 65535 bytes, a later fragment
whose length is not a multiple of 8) go to output 1 if connected, else are
dropped. Incomplete datagrams are dropped after TIMEOUT, and the oldest when
the fragments held exceed MAX_MEM_SIZE.
=k
=item MAX_MEM_SIZE
Bytes of fragments held at most. Default 262144.
=item TIMEOUT
How long an incomplete datagram is kept. Default 30s.
=h mem_size read-only
Bytes of fragments held now.
=h drops read-only
Fragments dropped (bad, expired, or over MAX_MEM_SIZE).
=a IPFragmenter
*/
class IPReassembler : public Element {
 public:
  IPReassembler() : timer_(this) {}
  ~IPReassembler() override;
  const char* class_name() const override { return "IPReassembler"; }
  const char* port_count() const override { return PORTS_1_1X2; }
  const char* processing() const override { return PROCESSING_A_AH; }
  int configure(Vector<String>& conf, ErrorHandler* errh) override;
  int initialize(ErrorHandler*) override;
  void add_handlers() override;
  Packet* simple_action(Packet* p) override;
  void run_timer(Timer*) override;
 private:
  typedef std::tuple<uint32_t, uint32_t, uint8_t, uint16_t> Key;
  struct Datagram {
    std::map<int, Packet*> frags;   // by byte offset of the payload
    int total = -1;                 // payload length, known once the last fragment came
    Timestamp first_seen;
    size_t bytes = 0;
  };
  std::map<Key, Datagram> table_;
  size_t mem_ = 0, max_mem_ = 262144;
  Timestamp timeout_ = Timestamp::make_sec(30);
  uint64_t drops_ = 0;
  Timer timer_;
  void drop_datagram(std::map<Key, Datagram>::iterator it);
  Packet* complete(Datagram& d);
};
CLICK_ENDDECLS
#endif
