// ARPPrint. See arpprint.hh.
#include "arpprint.hh"
#include <click/args.hh>
#include <click/etheraddress.hh>
#include <click/ipaddress.hh>
#include <click/packet.hh>
#include <clicknet/ether.h>
#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
CLICK_DECLS

namespace {
enum { op_revrequest = 3, op_revreply = 4, op_invrequest = 8, op_invreply = 9 };
constexpr uint16_t ethertype_trail = 0x1000;
String ether(const uint8_t* a) { return EtherAddress(a).unparse(); }
String ip(const uint8_t* a) { return IPAddress(a).unparse(); }
}  // namespace

int ARPPrint::configure(Vector<String>& conf, ErrorHandler* errh) {
  return Args(conf, this, errh).read_p("LABEL", label_).read("TIMESTAMP", timestamp_).read("ETHER", ether_)
      .read("ACTIVE", active_).read("OUTFILE", FilenameArg(), outfile_name_).complete();
}

int ARPPrint::initialize(ErrorHandler* errh) {
  if (!outfile_name_.empty() && !(outfile_ = fopen(outfile_name_.c_str(), "a")))
    return errh->error("%s: %s", outfile_name_.c_str(), strerror(errno));
  return 0;
}

void ARPPrint::cleanup(CleanupStage) {
  if (outfile_) fclose(outfile_);
  outfile_ = nullptr;
}

Packet* ARPPrint::simple_action(Packet* p) {
  if (!active_ || !p->has_network_header()) return p;
  String sa;
  if (!label_.empty()) sa += label_ + ": ";
  if (timestamp_) sa += p->timestamp_anno().unparse_usec() + ": ";
  if (ether_) {
    const unsigned char* x = p->has_mac_header() ? p->mac_header() : p->data();
    if (x + 14 <= p->network_header() && x + 14 <= p->end_data())
      sa += ether(x + 6) + " > " + ether(x) + ": ";
  }
  long nlen = long(p->end_data() - p->network_header());
  if (nlen < long(sizeof(click_arp)))
    sa += "truncated-arp (" + std::to_string(nlen) + ")";
  else {
    const click_ether_arp* ap = reinterpret_cast<const click_ether_arp*>(p->network_header());
    uint16_t hrd = ntohs(ap->ea_hdr.ar_hrd), pro = ntohs(ap->ea_hdr.ar_pro), op = ntohs(ap->ea_hdr.ar_op);
    uint8_t hln = ap->ea_hdr.ar_hln, pln = ap->ea_hdr.ar_pln;
    if ((pro != ETHERTYPE_IP && pro != ethertype_trail) || pln != 4 || hln == 0)
      return p;   // as Click: a non-IP ARP packet is described but not printed
    if (pro == ethertype_trail) sa += "trailer-";
    switch (op) {
      case ARPOP_REQUEST: {
        static const uint8_t zero[6] = {0, 0, 0, 0, 0, 0};
        sa += "arp who-has " + ip(ap->arp_tpa);
        if (memcmp(zero, ap->arp_tha, hln < 6 ? hln : 6) != 0) sa += " (" + ether(ap->arp_tha) + ")";
        sa += " tell " + ip(ap->arp_spa);
        break;
      }
      case ARPOP_REPLY: sa += "arp reply " + ip(ap->arp_spa) + " is-at " + ether(ap->arp_sha); break;
      case op_revrequest: sa += "rarp who-is " + ether(ap->arp_tha) + " tell " + ether(ap->arp_sha); break;
      case op_revreply: sa += "rarp reply " + ether(ap->arp_tha) + " at " + ip(ap->arp_tpa); break;
      case op_invrequest: sa += "invarp who-is " + ether(ap->arp_tha) + " tell " + ether(ap->arp_sha); break;
      case op_invreply: sa += "invarp reply " + ether(ap->arp_tha) + " at " + ip(ap->arp_tpa); break;
      default: sa += "arp-#" + std::to_string(op);
    }
    if (hrd != ARPHRD_ETHER) sa += "hardware #" + std::to_string(hrd);
  }
  if (outfile_) {
    sa += '\n';
    fwrite(sa.data(), 1, sa.size(), outfile_);
  } else
    click_chatter("%s", sa.c_str());
  return p;
}

void ARPPrint::add_handlers() {
  add_data_handlers("active", Handler::f_read | Handler::f_write, &active_);
}

EXPORT_ELEMENT(ARPPrint)
CLICK_ENDDECLS
