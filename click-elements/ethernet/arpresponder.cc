// ARPResponder. See arpresponder.hh.
#include "arpresponder.hh"
#include <click/args.hh>
#include <click/confparse.hh>
#include <click/router.hh>
CLICK_DECLS
int ARPResponder::add(Vector<Entry>& v, const String& arg, ErrorHandler* errh) {
  Vector<String> words;
  cp_spacevec(arg, words);
  Vector<std::pair<IPAddress, IPAddress>> prefixes;
  EtherAddress ena;
  bool have_ena = false;
  ArgContext ctx(this, errh);
  for (auto& w : words) {
    IPAddress a, m;
    EtherAddress e;
    if (IPPrefixArg(true).parse(w, a, m, ctx)) prefixes.push_back({a, m});
    else if (EtherAddressArg().parse(w, e, ctx)) {
      if (have_ena) return errh->error("argument '%s' has more than one Ethernet address", arg.c_str());
      ena = e;
      have_ena = true;
    } else
      return errh->error("argument '%s': expected 'IP/MASK ETH'", arg.c_str());
  }
  // a word may be both (an AddressInfo name with IP and Ethernet addresses), as Click
  for (size_t i = 0; !have_ena && i < words.size(); ++i)
    if (EtherAddressArg().parse(words[i], ena, ctx)) have_ena = true;
  if (!have_ena) return errh->error("argument '%s' has no Ethernet address", arg.c_str());
  if (prefixes.empty()) return errh->error("argument '%s' has no IP address", arg.c_str());
  for (auto& pm : prefixes) v.push_back({IPAddress(pm.first.addr() & pm.second.addr()), pm.second, ena});
  return 0;
}
int ARPResponder::configure(Vector<String>& conf, ErrorHandler* errh) {
  Vector<Entry> v;
  for (auto& a : conf)
    if (add(v, a, errh) < 0) return -EINVAL;
  v_ = v;
  return 0;
}
const EtherAddress* ARPResponder::lookup(IPAddress a) const {
  const Entry* best = nullptr;
  for (auto& e : v_)
    if (a.matches_prefix(e.dst, e.mask) && (!best || ntohl(e.mask.addr()) > ntohl(best->mask.addr()))) best = &e;
  return best ? &best->ena : nullptr;
}
Packet* ARPResponder::make_response(const unsigned char tha[6], const unsigned char tpa[4],
                                    const unsigned char sha[6], const unsigned char spa[4], Packet* p) {
  WritablePacket* q = Packet::make(Packet::default_headroom, nullptr, sizeof(click_ether) + sizeof(click_ether_arp), 0);
  if (!q) return nullptr;
  memset(q->data(), 0, q->length());
  click_ether* e = reinterpret_cast<click_ether*>(q->data());
  click_ether_arp* ea = reinterpret_cast<click_ether_arp*>(e + 1);
  memcpy(e->ether_dhost, tha, 6);
  memcpy(e->ether_shost, sha, 6);
  e->ether_type = htons(ETHERTYPE_ARP);
  ea->ea_hdr.ar_hrd = htons(ARPHRD_ETHER);
  ea->ea_hdr.ar_pro = htons(ETHERTYPE_IP);
  ea->ea_hdr.ar_hln = 6;
  ea->ea_hdr.ar_pln = 4;
  ea->ea_hdr.ar_op = htons(ARPOP_REPLY);
  memcpy(ea->arp_sha, sha, 6);
  memcpy(ea->arp_spa, spa, 4);
  memcpy(ea->arp_tha, tha, 6);
  memcpy(ea->arp_tpa, tpa, 4);
  q->set_mac_header(q->data(), 14);
  if (p) q->set_device_anno(p->device_anno());  // Click copies only device (and VLAN) annotations
  return q;
}
Packet* ARPResponder::simple_action(Packet* p) {
  if (p->length() < sizeof(click_ether) + sizeof(click_ether_arp)) { checked_output_push(1, p); return nullptr; }
  const click_ether* e = reinterpret_cast<const click_ether*>(p->data());
  const click_ether_arp* ea = reinterpret_cast<const click_ether_arp*>(e + 1);
  if (e->ether_type != htons(ETHERTYPE_ARP) || ea->ea_hdr.ar_hrd != htons(ARPHRD_ETHER) ||
      ea->ea_hdr.ar_pro != htons(ETHERTYPE_IP) || ea->ea_hdr.ar_op != htons(ARPOP_REQUEST)) {
    checked_output_push(1, p);
    return nullptr;
  }
  IPAddress tpa(ea->arp_tpa);
  const EtherAddress* ena = lookup(tpa);
  if (!ena) { checked_output_push(1, p); return nullptr; }
  Packet* q = make_response(ea->arp_sha, ea->arp_spa, ena->data(), ea->arp_tpa, p);
  p->kill();
  return q;
}
void ARPResponder::add_handlers() {
  add_read_handler("table", [this]() {
    String s;
    for (auto& e : v_) s += e.dst.unparse_with_mask(e.mask) + " " + e.ena.unparse() + "\n";
    return s;
  });
  add_read_param_handler("lookup", [this](const String& param, ErrorHandler* errh) -> String {
    IPAddress a;
    if (!IPAddressArg().parse(cp_trim(param), a, ArgContext(this, errh))) { errh->error("expected IP address"); return String(); }
    const EtherAddress* e = lookup(a);
    return e ? e->unparse() : String();
  });
  add_write_handler("add", [this](const String& s, ErrorHandler* errh) { return add(v_, cp_uncomment(s), errh); });
  add_write_handler("remove", [this](const String& s, ErrorHandler* errh) -> int {
    IPAddress a, m;
    if (!IPPrefixArg(true).parse(cp_uncomment(s), a, m, ArgContext(this, errh))) return errh->error("expected IP/MASK");
    size_t before = v_.size();
    Vector<Entry> keep;
    for (auto& e : v_) if (!(e.dst == IPAddress(a.addr() & m.addr()) && e.mask == m)) keep.push_back(e);
    v_ = keep;
    if (v_.size() == before) return errh->error("%s not found", cp_uncomment(s).c_str());
    return 0;
  });
}
EXPORT_ELEMENT(ARPResponder)
CLICK_ENDDECLS
