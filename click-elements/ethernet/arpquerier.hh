// -*- c++ -*-
#ifndef NETSERV_ARPQUERIER_HH
#define NETSERV_ARPQUERIER_HH
#include <click/element.hh>
#include <click/ipaddress.hh>
#include <click/etheraddress.hh>
#include <map>
CLICK_DECLS
/*
=c

ARPQuerier(IP, ETH, I<keywords> BROADCAST_POLL, CAPACITY, ENTRY_CAPACITY, ENTRY_PACKET_CAPACITY, TIMEOUT, BROADCAST, POLL_TIMEOUT)

=s arp

encapsulates IP packets in Ethernet headers found via ARP

=d

Handles most of the ARP protocol. Argument IP should be this host's IP
address, and ETH should be this host's Ethernet address.

Packets arriving on input 0 should be IP packets, and must have their
destination address annotations set (packets with a zero annotation are
dropped). IP may be given as IP/MASK, which implies the local broadcast
address. If an Ethernet address is already known for the
destination, the IP packet is wrapped in an Ethernet header and sent to
output 0. Otherwise the IP packet is saved and an ARP query is sent instead
(to output 1 if it exists, else output 0). If an ARP response arrives on input
1 for an IP address that we need, the mapping is recorded and any saved IP
packets are sent. Packets to the BROADCAST address or to multicast addresses
are sent to the Ethernet broadcast / multicast address without a query.

An ARP query is a 42-byte broadcast Ethernet frame (type 0x0806) with
sender (ETH, IP), target hardware address zero and target IP the
destination. Queries for one destination are sent at most every 100 ms while
it is unresolved, and after 10 unanswered queries at most every 2 s (as
Click's ARPTable), until a reply arrives.

=k

=item CAPACITY

Unsigned integer. The maximum number of saved IP packets the ARP table will
hold at a time (0: no limit). Beyond it the oldest saved packets are dropped,
oldest entry first, as Click. Default is 2048.

=item ENTRY_CAPACITY

Unsigned integer. The maximum number of ARP entries; when a new one would
exceed it, expired entries are removed, then the oldest (with its saved
packets). 0 means no limit. Default 0.

=item ENTRY_PACKET_CAPACITY

Unsigned integer. The maximum number of saved packets per destination (the
oldest is dropped for a newer one); 0 means no per-destination limit.
Default 0.

=item TIMEOUT

Time. Entries expire this long after they are made (they leave the table;
the next packet asks again). Default 5 minutes.

=item POLL_TIMEOUT

Time. A known entry older than this is still used, and a query is sent to
refresh it (to the entry's Ethernet address). Default 1 minute.

=item BROADCAST_POLL

Boolean. If true, refresh queries are broadcast too. Default false.

=item BROADCAST

IP address. The local broadcast address. Default: implied by IP/MASK, else
255.255.255.255.

=h table read-only

Returns a textual representation of the ARP table: one line per entry,
"IP VALID ETH AGE" (an unresolved entry shows FF-FF-FF-FF-FF-FF and its age
since creation, at most TIMEOUT while packets wait for it).

=h queries read-only

Returns the number of queries sent.

=h responses read-only

Returns the number of responses received.

=h drops read-only

Returns the number of packets dropped.

=h count read-only

Returns the number of entries in the ARP table.

=h length read-only

Returns the number of saved IP packets.

=h stats read-only

"N packets killed" and "N ARP queries sent" lines.

=h ipaddr read/write

This host's IP address.

=h broadcast read/write

The local broadcast address.

=h insert write-only

Add an entry "IP ETH" to the table.

=h delete write-only

Delete the entry for IP.

=h clear write-only

Clear the table.

=a ARPResponder, ARPFaker
*/
class ARPQuerier : public Element {
 public:
  ~ARPQuerier() override { clear(); }
  const char* class_name() const override { return "ARPQuerier"; }
  const char* port_count() const override { return "2/1-2"; }
  const char* processing() const override { return PUSH; }
  const char* flow_code() const override { return "xy/x"; }
  int configure(Vector<String>& conf, ErrorHandler* errh) override;
  void add_handlers() override;
  void push(int port, Packet* p) override;

 private:
  struct Entry {
    bool known = false;
    EtherAddress ena;
    Timestamp made;
    Timestamp last_query;
    uint32_t polls_since_reply = 0;   // after 10 unanswered queries, ask every 2 s only (Click)
    Vector<Packet*> pending;
    bool may_poll(const Timestamp& now) const {
      return !last_query || now - last_query >= (polls_since_reply >= 10 ? Timestamp::make_sec(2) : Timestamp::make_msec(100));
    }
  };
  IPAddress my_ip_, bcast_ = IPAddress(0xFFFFFFFFU);
  EtherAddress my_en_;
  uint32_t capacity_ = 2048, entry_capacity_ = 0, entry_packet_capacity_ = 0, npending_ = 0;
  Timestamp timeout_ = Timestamp::make_sec(300), poll_timeout_ = Timestamp::make_sec(60);
  std::map<uint32_t, Entry> table_;
  uint64_t queries_ = 0, responses_ = 0, drops_ = 0;
  bool zero_warned_ = false;
  bool broadcast_poll_ = false;
  void handle_ip(Packet* p);
  void handle_response(Packet* p);
  void send_query(IPAddress want, Packet* like, const EtherAddress* poll_to = nullptr);
  void encap_and_send(Packet* p, const unsigned char* dst);
  /** Learns IP -> ENA and sends the packets saved for IP. */
  void resolve(IPAddress ip, const EtherAddress& ena);
  void clear();
  void make_room(const Timestamp& now);
  void erase_entry(std::map<uint32_t, Entry>::iterator it);
};
CLICK_ENDDECLS
#endif
