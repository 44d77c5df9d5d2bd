// MarkIPCE. See markipce.hh.
#include "markipce.hh"
#include <click/args.hh>
#include <click/confparse.hh>
#include <click/checksum.hh>
#include <clicknet/ip.h>
#include <cstring>
CLICK_DECLS
int MarkIPCE::configure(Vector<String>& conf, ErrorHandler* errh) {
  return Args(conf, this, errh).read("FORCE", force_).complete();
}
Packet* MarkIPCE::simple_action(Packet* p) {
  const click_ip* iph = p->ip_header();
  if (!iph) { ++drops_; p->kill(); return nullptr; }
  int ecn = iph->ip_tos & IP_ECNMASK;
  if (ecn == IP_ECNMASK) return p;
  if (ecn == 0 && !force_) { ++drops_; p->kill(); return nullptr; }
  WritablePacket* q = p->uniqueify();
  if (!q) return nullptr;
  click_ip* wh = reinterpret_cast<click_ip*>(q->network_header());
  uint16_t old;
  memcpy(&old, wh, 2);
  wh->ip_tos |= IP_ECNMASK;
  uint16_t now;
  memcpy(&now, wh, 2);
  click_update_in_cksum(&wh->ip_sum, old, now);
  return q;
}
void MarkIPCE::add_handlers() { add_read_handler("drops", [this]() { return std::to_string(drops_); }); }
EXPORT_ELEMENT(MarkIPCE)
CLICK_ENDDECLS
