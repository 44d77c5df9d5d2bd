// DecIPTTL. See decipttl.hh.
#include "decipttl.hh"
#include <click/args.hh>
#include <click/confparse.hh>
#include <click/router.hh>
CLICK_DECLS
Packet* DecIPTTL::simple_action(Packet* p) {
  const click_ip* ip = p->ip_header();
  if (!ip || !active_) return p;
  // Click looks at the destination first: with MULTICAST false a multicast
  // packet passes untouched even when its TTL is spent.
  if (!multicast_ && (ntohl(ip->ip_dst.s_addr) & 0xF0000000U) == 0xE0000000U) return p;
  if (ip->ip_ttl <= 1) {
    ++drops_;
    checked_output_push(1, p);
    return nullptr;
  }
  WritablePacket* q = p->uniqueify();
  if (!q) return nullptr;
  click_ip* wip = q->ip_header();
  --wip->ip_ttl;
  // RFC 1624: new_sum = ~(~old_sum + 0xFEFF) for a TTL decrement
  uint32_t sum = (~ntohs(wip->ip_sum) & 0xFFFF) + 0xFEFF;
  wip->ip_sum = ~htons(uint16_t(sum + (sum >> 16)));
  ++count_;
  return q;
}
void DecIPTTL::add_handlers() {
  add_data_handlers("count", Handler::f_read, &count_);
  add_data_handlers("drops", Handler::f_read, &drops_);
  add_data_handlers("active", Handler::f_read | Handler::f_write, &active_);
}
EXPORT_ELEMENT(DecIPTTL)
CLICK_ENDDECLS
