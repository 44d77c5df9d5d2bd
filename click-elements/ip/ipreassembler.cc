// IPReassembler. See ipreassembler.hh.
#include "ipreassembler.hh"
#include <click/args.hh>
#include <click/checksum.hh>
#include <clicknet/ip.h>
#include <cstring>
CLICK_DECLS

IPReassembler::~IPReassembler() {
  for (auto& kv : table_) for (auto& f : kv.second.frags) f.second->kill();
}

int IPReassembler::configure(Vector<String>& conf, ErrorHandler* errh) {
  uint32_t mm = uint32_t(max_mem_);
  if (Args(conf, this, errh).read("MAX_MEM_SIZE", mm).read("TIMEOUT", timeout_).complete() < 0) return -EINVAL;
  max_mem_ = mm;
  return 0;
}

int IPReassembler::initialize(ErrorHandler*) {
  timer_.initialize(this);
  return 0;
}

void IPReassembler::drop_datagram(std::map<Key, Datagram>::iterator it) {
  for (auto& f : it->second.frags) { mem_ -= f.second->length(); ++drops_; f.second->kill(); }
  table_.erase(it);
}

void IPReassembler::run_timer(Timer*) {
  Timestamp now = Timestamp::now_steady();
  for (auto it = table_.begin(); it != table_.end();) {
    auto next = std::next(it);
    if (now - it->second.first_seen >= timeout_) drop_datagram(it);
    it = next;
  }
  if (!table_.empty()) timer_.schedule_after(Timestamp::make_sec(1));
}

Packet* IPReassembler::complete(Datagram& d) {
  // Every byte of [0, total) must be covered by the fragments held.
  int covered = 0;
  for (auto& f : d.frags) {
    if (f.first > covered) return nullptr;
    const click_ip* fh = f.second->ip_header();
    int plen = ntohs(fh->ip_len) - fh->ip_hl * 4;
    covered = std::max(covered, f.first + plen);
  }
  if (covered < d.total) return nullptr;
  Packet* first = d.frags.begin()->second;
  const click_ip* h0 = first->ip_header();
  int hl = h0->ip_hl * 4;
  WritablePacket* q = Packet::make(64, nullptr, hl + d.total, 0);
  if (!q) return nullptr;
  unsigned char* out = q->data();
  memcpy(out, first->network_header(), hl);
  for (auto& f : d.frags) {
    const click_ip* fh = f.second->ip_header();
    int fhl = fh->ip_hl * 4;
    int plen = std::min<int>(ntohs(fh->ip_len) - fhl, d.total - f.first);
    if (plen > 0) memcpy(out + hl + f.first, f.second->network_header() + fhl, plen);
  }
  click_ip* qh = reinterpret_cast<click_ip*>(out);
  qh->ip_len = htons(uint16_t(hl + d.total));
  qh->ip_off &= htons(IP_DF | IP_RF);
  qh->ip_sum = 0;
  qh->ip_sum = click_in_cksum(out, hl);
  q->copy_annotations(first);
  q->set_network_header(out, hl);
  return q;
}

Packet* IPReassembler::simple_action(Packet* p) {
  const click_ip* iph = p->ip_header();
  if (!iph || !IP_ISFRAG(iph)) return p;
  int hl = iph->ip_hl * 4;
  uint16_t off = ntohs(iph->ip_off);
  int start = (off & IP_OFFMASK) * 8;
  int plen = int(ntohs(iph->ip_len)) - hl;
  bool mf = off & IP_MF;
  if (plen <= 0 || start + plen > 65535 - hl || (mf && plen % 8) || int(p->end_data() - p->network_header()) < hl + plen) {
    ++drops_;
    checked_output_push(1, p);
    return nullptr;
  }
  Key k(iph->ip_src.s_addr, iph->ip_dst.s_addr, iph->ip_p, iph->ip_id);
  auto it = table_.find(k);
  if (it == table_.end()) {
    it = table_.emplace(k, Datagram()).first;
    it->second.first_seen = Timestamp::now_steady();
    if (!timer_.scheduled()) timer_.schedule_after(Timestamp::make_sec(1));
  }
  Datagram& d = it->second;
  auto old = d.frags.find(start);
  if (old != d.frags.end()) { mem_ -= old->second->length(); old->second->kill(); d.frags.erase(old); ++drops_; }
  d.frags[start] = p;
  mem_ += p->length();
  if (!mf) d.total = start + plen;
  Packet* q = d.total >= 0 && d.frags.begin()->first == 0 ? complete(d) : nullptr;
  if (q) {
    for (auto& f : d.frags) { mem_ -= f.second->length(); f.second->kill(); }
    table_.erase(it);
    return q;
  }
  while (mem_ > max_mem_ && !table_.empty()) {   // drop the oldest datagram
    auto oldest = table_.begin();
    for (auto j = table_.begin(); j != table_.end(); ++j)
      if (j->second.first_seen < oldest->second.first_seen) oldest = j;
    drop_datagram(oldest);
  }
  return nullptr;
}

void IPReassembler::add_handlers() {
  add_read_handler("mem_size", [this]() { return std::to_string(mem_); });
  add_read_handler("drops", [this]() { return std::to_string(drops_); });
}
EXPORT_ELEMENT(IPReassembler)
CLICK_ENDDECLS
