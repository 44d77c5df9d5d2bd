// HostEtherFilter. See hostetherfilter.hh.
#include "hostetherfilter.hh"
#include <click/args.hh>
#include <click/confparse.hh>
#include <click/router.hh>
CLICK_DECLS
int HostEtherFilter::configure(Vector<String>& conf, ErrorHandler* errh) {
  return Args(conf, this, errh).read_mp("ETHER", addr_).read_p("DROP_OWN", drop_own_).read_p("DROP_OTHER", drop_other_)
      .read("OFFSET", offset_).complete();
}
Packet* HostEtherFilter::simple_action(Packet* p) {
  if (p->length() < offset_ + 14) return reject(p);
  const click_ether* e = reinterpret_cast<const click_ether*>(p->data() + offset_);
  if (drop_own_ && memcmp(e->ether_shost, addr_.data(), 6) == 0) return reject(p);
  if (memcmp(e->ether_dhost, addr_.data(), 6) == 0) {
    p->set_packet_type_anno(Packet::HOST);
    return p;
  }
  if (e->ether_dhost[0] & 1) {
    static const unsigned char bcast[6] = {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF};
    p->set_packet_type_anno(memcmp(e->ether_dhost, bcast, 6) == 0 ? Packet::BROADCAST : Packet::MULTICAST);
    return p;
  }
  p->set_packet_type_anno(Packet::OTHERHOST);
  if (drop_other_) return reject(p);
  return p;
}
EXPORT_ELEMENT(HostEtherFilter)
CLICK_ENDDECLS
