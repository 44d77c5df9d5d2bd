// CheckICMPHeader. See checkicmpheader.hh.
#include "checkicmpheader.hh"
#include <click/args.hh>
#include <click/checksum.hh>
#include <clicknet/ip.h>
CLICK_DECLS
static const char* const reason_texts[] = {"not ICMP", "bad packet length", "bad ICMP checksum"};

int CheckICMPHeader::configure(Vector<String>& conf, ErrorHandler* errh) {
  return Args(conf, this, errh).read("VERBOSE", verbose_).read("DETAILS", details_).complete();
}

Packet* CheckICMPHeader::drop(Reason r, Packet* p) {
  if (drops_ == 0 || verbose_) click_chatter("%s: ICMP header check failed: %s", name().c_str(), reason_texts[r]);
  ++drops_;
  ++reason_drops_[r];
  checked_output_push(1, p);
  return nullptr;
}

Packet* CheckICMPHeader::simple_action(Packet* p) {
  const click_ip* iph = p->ip_header();
  if (!iph || p->network_header_offset() < 0 || iph->ip_p != IP_PROTO_ICMP) return drop(NOT_ICMP, p);
  unsigned hlen = iph->ip_hl << 2;
  unsigned avail = p->length() - uint32_t(p->network_header_offset());
  unsigned iplen = ntohs(iph->ip_len);
  if (iplen < hlen + 8 || avail < iplen) return drop(BAD_LENGTH, p);
  if (click_in_cksum(p->network_header() + hlen, int(iplen - hlen)) != 0) return drop(BAD_CHECKSUM, p);
  ++count_;
  return p;
}

void CheckICMPHeader::add_handlers() {
  add_read_handler("count", [this]() { return std::to_string(count_); });
  add_read_handler("drops", [this]() { return std::to_string(drops_); });
  if (details_)
    add_read_handler("drop_details", [this]() {
      String s;
      for (int i = 0; i < NREASONS; ++i) s += string_printf("%llu\t%s\n", (unsigned long long)reason_drops_[i], reason_texts[i]);
      return s;
    });
}
EXPORT_ELEMENT(CheckICMPHeader)
CLICK_ENDDECLS
