// ARPQuerier. See arpquerier.hh.
#include "arpquerier.hh"
#include <click/args.hh>
#include <click/confparse.hh>
#include <click/router.hh>
CLICK_DECLS
#include <arpa/inet.h>
#include <cstring>

int ARPQuerier::configure(Vector<String>& conf, ErrorHandler* errh) {
  IPAddress bcast(0xFFFFFFFFU);
  uint32_t cap = 2048, ecap = 0, epcap = 0;
  Timestamp timeout = Timestamp::make_sec(300), poll = Timestamp::make_sec(60);
  IPAddress mask(0xFFFFFFFFU);
  bool have_bcast = false;
  Args args(conf, this, errh);
  args.read_mp("IP", IPPrefixArg(true), my_ip_, mask)
          .read_mp("ETH", my_en_)
          .read("CAPACITY", cap)
          .read("ENTRY_CAPACITY", ecap)
          .read("ENTRY_PACKET_CAPACITY", epcap)
          .read("TIMEOUT", timeout)
          .read("POLL_TIMEOUT", poll)
          .read("BROADCAST_POLL", broadcast_poll_)
          .read("BROADCAST", bcast);
  have_bcast = args.read_status_present();
  if (args.complete() < 0) return -EINVAL;
  // The local broadcast address: BROADCAST, else implied by IP/MASK, else 255.255.255.255.
  if (have_bcast) bcast_ = bcast;
  else if (mask.addr() != 0xFFFFFFFFU) bcast_ = IPAddress((my_ip_.addr() & mask.addr()) | ~mask.addr());
  else bcast_ = IPAddress(0xFFFFFFFFU);
  capacity_ = cap;
  entry_capacity_ = ecap;
  entry_packet_capacity_ = epcap;
  timeout_ = timeout;
  poll_timeout_ = poll;
  return 0;
}

void ARPQuerier::clear() {
  for (auto& kv : table_) for (Packet* p : kv.second.pending) p->kill();
  table_.clear();
  npending_ = 0;
}

void ARPQuerier::encap_and_send(Packet* p, const unsigned char* dst) {
  WritablePacket* q = p->push(14);
  if (!q) return;
  click_ether* e = reinterpret_cast<click_ether*>(q->data());
  memcpy(e->ether_dhost, dst, 6);
  memcpy(e->ether_shost, my_en_.data(), 6);
  e->ether_type = htons(ETHERTYPE_IP);
  q->set_mac_header(q->data(), 14);
  output(0).push(q);
}

void ARPQuerier::send_query(IPAddress want, Packet* like, const EtherAddress* poll_to) {
  WritablePacket* q = Packet::make(Packet::default_headroom, nullptr, sizeof(click_ether) + sizeof(click_ether_arp), 0);
  if (!q) return;
  click_ether* e = reinterpret_cast<click_ether*>(q->data());
  click_ether_arp* ea = reinterpret_cast<click_ether_arp*>(e + 1);
  // a poll of a known address goes to its owner unless BROADCAST_POLL
  if (poll_to && !broadcast_poll_) memcpy(e->ether_dhost, poll_to->data(), 6);
  else memset(e->ether_dhost, 0xFF, 6);
  memcpy(e->ether_shost, my_en_.data(), 6);
  e->ether_type = htons(ETHERTYPE_ARP);
  ea->ea_hdr.ar_hrd = htons(ARPHRD_ETHER);
  ea->ea_hdr.ar_pro = htons(ETHERTYPE_IP);
  ea->ea_hdr.ar_hln = 6;
  ea->ea_hdr.ar_pln = 4;
  ea->ea_hdr.ar_op = htons(ARPOP_REQUEST);
  memcpy(ea->arp_sha, my_en_.data(), 6);
  memcpy(ea->arp_spa, my_ip_.data(), 4);
  memset(ea->arp_tha, 0, 6);
  uint32_t w = want.addr();
  memcpy(ea->arp_tpa, &w, 4);
  q->set_mac_header(q->data(), 14);
  if (like) q->set_timestamp_anno(like->timestamp_anno());
  ++queries_;
  checked_output_push(noutputs() > 1 ? 1 : 0, q);
}

void ARPQuerier::handle_ip(Packet* p) {
  // As Click: the destination comes from the annotation only.
  IPAddress dst = p->dst_ip_anno();
  if (dst == bcast_ || dst == IPAddress(0xFFFFFFFFU)) {
    static const unsigned char bc[6] = {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF};
    encap_and_send(p, bc);
    return;
  }
  if (!dst) {
    if (!zero_warned_) { click_chatter("%s: would query for 0.0.0.0; missing dest IP addr annotation?", declaration().c_str()); zero_warned_ = true; }
    ++drops_;
    p->kill();
    return;
  }
  const unsigned char* d = dst.data();
  if ((d[0] & 0xF0) == 0xE0) {  // multicast: 01:00:5e + low 23 bits
    unsigned char mc[6] = {0x01, 0x00, 0x5E, (unsigned char)(d[1] & 0x7F), d[2], d[3]};
    encap_and_send(p, mc);
    return;
  }
  Timestamp now = Timestamp::now_steady();
  auto it = table_.find(dst.addr());
  if (it != table_.end() && it->second.known && now - it->second.made >= timeout_ && it->second.pending.empty()) {
    table_.erase(it);   // expired, as Click's ARP table times entries out
    it = table_.end();
  }
  if (it != table_.end() && it->second.known) {
    Entry& en = it->second;
    // older than POLL_TIMEOUT: still used, and asked again so it stays fresh
    if (now - en.made >= poll_timeout_ && en.may_poll(now)) {
      en.last_query = now;
      ++en.polls_since_reply;
      send_query(dst, p, &en.ena);
    }
    encap_and_send(p, en.ena.data());
    return;
  }
  bool fresh = it == table_.end();
  if (fresh) make_room(now);
  Entry& en = table_[dst.addr()];
  // an unresolved entry's age: from its creation, but kept just this side of
  // TIMEOUT while packets still want it (Click's ARPTable::append_query)
  if (fresh) en.made = now;
  else if (now - en.made > timeout_) en.made = now - timeout_;
  if (entry_packet_capacity_ && en.pending.size() >= entry_packet_capacity_) {
    ++drops_;
    // drop the oldest saved packet, keep the newest
    en.pending.front()->kill();
    en.pending.erase(en.pending.begin());
    en.pending.push_back(p);
  } else {
    en.pending.push_back(p);
    ++npending_;
    // over CAPACITY: the oldest saved packets go, oldest entry first (Click's slim)
    while (capacity_ && npending_ > capacity_) {
      Entry* oldest = nullptr;
      for (auto& kv : table_)
        if (!kv.second.pending.empty() && (!oldest || kv.second.made < oldest->made)) oldest = &kv.second;
      if (!oldest) break;
      oldest->pending.front()->kill();
      oldest->pending.erase(oldest->pending.begin());
      --npending_;
      ++drops_;
    }
  }
  Packet* like = en.pending.empty() ? nullptr : en.pending.back();
  if (en.may_poll(now)) {
    en.last_query = now;
    ++en.polls_since_reply;
    send_query(dst, like);
  }
}

// ENTRY_CAPACITY: before a new entry, expired entries go, then (if still
// full) the oldest one, with its saved packets.
void ARPQuerier::make_room(const Timestamp& now) {
  if (!entry_capacity_ || table_.size() < entry_capacity_) return;
  for (auto i = table_.begin(); i != table_.end();) {
    auto n = std::next(i);
    if (i->second.known && now - i->second.made >= timeout_) erase_entry(i);
    i = n;
  }
  while (table_.size() >= entry_capacity_) {
    auto oldest = table_.begin();
    auto age = [](const Entry& e) { return e.known ? e.made : e.last_query; };
    for (auto i = table_.begin(); i != table_.end(); ++i) if (age(i->second) < age(oldest->second)) oldest = i;
    erase_entry(oldest);
  }
}

void ARPQuerier::erase_entry(std::map<uint32_t, Entry>::iterator it) {
  for (Packet* q : it->second.pending) { q->kill(); --npending_; ++drops_; }
  table_.erase(it);
}

void ARPQuerier::handle_response(Packet* p) {
  if (p->length() < sizeof(click_ether) + sizeof(click_ether_arp)) { p->kill(); return; }
  ++responses_;  // Click counts every full-sized packet on input 1
  const click_ether* e = reinterpret_cast<const click_ether*>(p->data());
  const click_ether_arp* ea = reinterpret_cast<const click_ether_arp*>(e + 1);
  if (e->ether_type != htons(ETHERTYPE_ARP) || ea->ea_hdr.ar_hrd != htons(ARPHRD_ETHER) ||
      ea->ea_hdr.ar_pro != htons(ETHERTYPE_IP) || ea->ea_hdr.ar_op != htons(ARPOP_REPLY)) {
    p->kill();
    return;
  }
  EtherAddress ena(ea->arp_sha);
  if (ena.is_group()) { p->kill(); return; }
  IPAddress ipa(ea->arp_spa);
  p->kill();
  resolve(ipa, ena);
}

void ARPQuerier::resolve(IPAddress ip, const EtherAddress& ena) {
  if (!table_.count(ip.addr())) make_room(Timestamp::now_steady());
  Entry& en = table_[ip.addr()];
  en.known = true;
  en.ena = ena;
  en.made = Timestamp::now_steady();
  en.polls_since_reply = 0;
  en.last_query = Timestamp();   // a reply re-arms polling at once (Click: polled "a second ago")
  Vector<Packet*> pend;
  pend.swap(en.pending);
  npending_ -= uint32_t(pend.size());
  for (Packet* q : pend) encap_and_send(q, ena.data());
}

void ARPQuerier::push(int port, Packet* p) {
  if (port == 0) handle_ip(p);
  else handle_response(p);
}

void ARPQuerier::add_handlers() {
  add_read_handler("table", [this]() {
    String s;
    Timestamp now = Timestamp::now_steady();
    for (auto& kv : table_) {
      if (kv.second.known && now - kv.second.made >= timeout_ && kv.second.pending.empty()) continue;   // expired
      bool valid = kv.second.known && now - kv.second.made < timeout_;
      s += IPAddress(kv.first).unparse() + " " + (valid ? "1" : "0") + " " +
           (kv.second.known ? kv.second.ena.unparse() : String("FF-FF-FF-FF-FF-FF")) + " " +
           (now - kv.second.made).unparse() + "\n";
    }
    return s;
  });
  add_data_handlers("queries", Handler::f_read, &queries_);
  add_data_handlers("responses", Handler::f_read, &responses_);
  add_data_handlers("drops", Handler::f_read, &drops_);
  add_read_handler("count", [this]() { return std::to_string(table_.size()); });     // ARP entries
  add_data_handlers("length", Handler::f_read, &npending_);                           // saved packets
  add_read_handler("stats", [this]() {
    return std::to_string(drops_) + " packets killed\n" + std::to_string(queries_) + " ARP queries sent\n";
  });
  add_data_handlers("ipaddr", Handler::f_read | Handler::f_write, &my_ip_);
  add_data_handlers("broadcast", Handler::f_read | Handler::f_write, &bcast_);
  add_write_handler("insert", [this](const String& s, ErrorHandler* errh) -> int {
    IPAddress a;
    EtherAddress e;
    Vector<String> conf;
    cp_spacevec(cp_uncomment(s), conf);
    if (Args(conf, this, errh).read_mp("IP", a).read_mp("ETH", e).complete() < 0) return -EINVAL;
    resolve(a, e);
    return 0;
  });
  add_write_handler("delete", [this](const String& s, ErrorHandler* errh) -> int {
    IPAddress a;
    if (!IPAddressArg().parse(cp_uncomment(s), a, ArgContext(this, errh))) return errh->error("expected IP address");
    auto it = table_.find(a.addr());
    if (it != table_.end()) {
      for (Packet* q : it->second.pending) { q->kill(); --npending_; }
      table_.erase(it);
    }
    return 0;
  });
  add_write_handler("clear", [this](const String&, ErrorHandler*) {
    queries_ = drops_ = responses_ = 0;
    clear();
    return 0;
  }, Handler::f_button);
}
EXPORT_ELEMENT(ARPQuerier)
CLICK_ENDDECLS
