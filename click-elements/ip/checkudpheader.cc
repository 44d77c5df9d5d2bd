// CheckUDPHeader. See checkudpheader.hh.
#include "checkudpheader.hh"
#include <click/args.hh>
#include <click/confparse.hh>
#include <click/router.hh>
CLICK_DECLS
static const char* const reason_texts[] = {"not UDP", "bad packet length", "bad UDP checksum"};

Packet* CheckUDPHeader::drop(Reason r, Packet* p) {
  if (drops_ == 0 || verbose_) click_chatter("%s: UDP header check failed: %s", name().c_str(), reason_texts[r]);
  ++drops_;
  ++reason_drops_[r];
  checked_output_push(1, p);
  return nullptr;
}

Packet* CheckUDPHeader::simple_action(Packet* p) {
  // Click's checks: the UDP length must fit in the packet (from the IP header
  // on); a nonzero checksum must verify over that length.
  const click_ip* iph = p->ip_header();
  if (!iph || p->network_header_offset() < 0 || iph->ip_p != IP_PROTO_UDP) return drop(NOT_UDP, p);
  unsigned hlen = iph->ip_hl << 2;
  unsigned avail = p->length() - uint32_t(p->network_header_offset());
  if (avail < hlen + sizeof(click_udp)) return drop(BAD_LENGTH, p);
  const unsigned char* th = p->network_header() + hlen;
  const click_udp* udph = reinterpret_cast<const click_udp*>(th);
  unsigned len = ntohs(udph->uh_ulen);
  if (len < sizeof(click_udp) || avail < len + hlen) return drop(BAD_LENGTH, p);
  if (checksum_ && udph->uh_sum != 0) {
    uint32_t s = click_in_cksum_partial(th, int(len));
    if (click_in_cksum_pseudohdr(s, iph->ip_src.s_addr, iph->ip_dst.s_addr, IP_PROTO_UDP, int(len)) != 0) return drop(BAD_CHECKSUM, p);
  }
  ++count_;
  return p;
}

void CheckUDPHeader::add_handlers() {
  add_data_handlers("count", Handler::f_read, &count_);
  add_data_handlers("drops", Handler::f_read, &drops_);
  if (details_)
    add_read_handler("drop_details", [this]() {
      String s;
      for (int i = 0; i < NREASONS; ++i) s += string_printf("%llu\t%s\n", (unsigned long long)reason_drops_[i], reason_texts[i]);
      return s;
    });
}
EXPORT_ELEMENT(CheckUDPHeader)
CLICK_ENDDECLS
