// SetIPDSCP. See setipdscp.hh.
#include "setipdscp.hh"
#include <click/args.hh>
#include <click/confparse.hh>
#include <click/router.hh>
CLICK_DECLS
int SetIPDSCP::configure(Vector<String>& conf, ErrorHandler* errh) {
  unsigned dscp;
  if (Args(conf, this, errh).read_mp("DSCP", dscp).complete() < 0) return -EINVAL;
  if (dscp > 63) return errh->error("DSCP: value out of range (0-63)");
  dscp_ = uint8_t(dscp << 2);
  return 0;
}
Packet* SetIPDSCP::simple_action(Packet* p) {
  if (!p->has_network_header()) return p;
  WritablePacket* q = p->uniqueify();
  if (!q) return nullptr;
  click_ip* ip = q->ip_header();
  uint16_t old_hw = reinterpret_cast<uint16_t*>(ip)[0];
  ip->ip_tos = uint8_t((ip->ip_tos & IP_ECNMASK) | dscp_);
  uint16_t new_hw = reinterpret_cast<uint16_t*>(ip)[0];
  // RFC 1624 eqn. 3: HC' = ~(~HC + ~m + m')
  uint32_t sum = (~ntohs(ip->ip_sum) & 0xFFFF) + (~ntohs(old_hw) & 0xFFFF) + ntohs(new_hw);
  sum = (sum & 0xFFFF) + (sum >> 16);
  sum = (sum & 0xFFFF) + (sum >> 16);
  ip->ip_sum = htons(uint16_t(~sum & 0xFFFF));
  return q;
}
void SetIPDSCP::add_handlers() {
  add_read_handler("dscp", [this]() { return std::to_string(dscp_ >> 2); });
  add_write_handler("dscp", [this](const String& s, ErrorHandler* errh) -> int {
    unsigned d;
    if (!IntArg().parse(cp_uncomment(s), d, ArgContext(this, errh)) || d > 63) return errh->error("dscp: expected 0-63");
    dscp_ = uint8_t(d << 2);
    return 0;
  });
}
EXPORT_ELEMENT(SetIPDSCP)
CLICK_ENDDECLS
