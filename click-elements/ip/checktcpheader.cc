// CheckTCPHeader. See checktcpheader.hh.
#include "checktcpheader.hh"
#include <click/args.hh>
#include <click/confparse.hh>
#include <click/router.hh>
CLICK_DECLS
static const char* const reason_texts[] = {"not TCP", "bad packet length", "bad TCP checksum"};

Packet* CheckTCPHeader::drop(Reason r, Packet* p) {
  if (drops_ == 0 || verbose_) click_chatter("%s: TCP header check failed: %s", name().c_str(), reason_texts[r]);
  ++drops_;
  ++reason_drops_[r];
  checked_output_push(1, p);
  return nullptr;
}

Packet* CheckTCPHeader::simple_action(Packet* p) {
  // Click's checks: the TCP segment (IP length - IP header) holds the TCP
  // header and fits in the packet; the checksum verifies over the segment.
  const click_ip* iph = p->ip_header();
  if (!iph || p->network_header_offset() < 0 || iph->ip_p != IP_PROTO_TCP) return drop(NOT_TCP, p);
  unsigned hlen = iph->ip_hl << 2;
  unsigned avail = p->length() - uint32_t(p->network_header_offset());
  unsigned iplen = ntohs(iph->ip_len);
  if (avail < hlen + sizeof(click_tcp) || iplen < hlen) return drop(BAD_LENGTH, p);
  unsigned len = iplen - hlen;
  const unsigned char* th = p->network_header() + hlen;
  const click_tcp* tcph = reinterpret_cast<const click_tcp*>(th);
  unsigned thlen = tcph->th_off << 2;
  if (thlen < sizeof(click_tcp) || len < thlen || avail < len + hlen) return drop(BAD_LENGTH, p);
  if (checksum_) {
    uint32_t s = click_in_cksum_partial(th, int(len));
    if (click_in_cksum_pseudohdr(s, iph->ip_src.s_addr, iph->ip_dst.s_addr, IP_PROTO_TCP, int(len)) != 0) return drop(BAD_CHECKSUM, p);
  }
  ++count_;
  return p;
}

void CheckTCPHeader::add_handlers() {
  add_data_handlers("count", Handler::f_read, &count_);
  add_data_handlers("drops", Handler::f_read, &drops_);
  if (details_)
    add_read_handler("drop_details", [this]() {
      String s;
      for (int i = 0; i < NREASONS; ++i) s += string_printf("%llu\t%s\n", (unsigned long long)reason_drops_[i], reason_texts[i]);
      return s;
    });
}
EXPORT_ELEMENT(CheckTCPHeader)
CLICK_ENDDECLS
