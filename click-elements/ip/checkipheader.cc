// CheckIPHeader. See checkipheader.hh.
#include "checkipheader.hh"
#include <click/args.hh>
#include <click/checksum.hh>
#include <click/confparse.hh>
#include <algorithm>
CLICK_DECLS

const char* const CheckIPHeader::reason_texts[NREASONS] = {
    "tiny packet", "bad IP version", "bad IP header length", "bad IP length", "bad IP checksum", "bad source address"};

namespace {
// A space-separated list of IP addresses.
struct IPAddressListArg {
  bool parse(const String& s, Vector<IPAddress>& out, const ArgContext& c) const {
    Vector<String> words;
    cp_spacevec(s, words);
    for (auto& w : words) {
      IPAddress a;
      if (!IPAddressArg().parse(w, a, c)) return false;
      out.push_back(a);
    }
    return true;
  }
};
// Space-separated list of ADDR/PREFIX.
struct IPPrefixListArg {
  bool parse(const String& s, Vector<std::pair<IPAddress, IPAddress>>& out, const ArgContext& c) const {
    Vector<String> words;
    cp_spacevec(s, words);
    for (auto& w : words) {
      IPAddress a, m;
      if (!IPPrefixArg(true).parse(w, a, m, c)) return false;
      out.push_back({a, m});
    }
    return true;
  }
};
}  // namespace

int CheckIPHeader::configure(Vector<String>& conf, ErrorHandler* errh) {
  Vector<IPAddress> bad, good;
  Vector<std::pair<IPAddress, IPAddress>> ifaces;
  bool have_bad = false;
  bool checksum = true, verbose = false, details = false;
  uint32_t offset = 0;
  // Click's old form CheckIPHeader(OFFSET): a lone integer first argument is the offset
  Vector<String> rest = conf;
  String first = rest.empty() ? String() : cp_uncomment(rest[0]);
  if (!first.empty() && first.find_first_not_of("0123456789") == String::npos) {
    offset = uint32_t(strtoul(first.c_str(), nullptr, 10));
    rest.erase(rest.begin());
  }
  Args args(rest, this, errh);
  args.read_p("BADSRC", IPAddressListArg(), bad);
  have_bad = args.read_status_present();
  args.read("GOODDST", IPAddressListArg(), good)
      .read("INTERFACES", IPPrefixListArg(), ifaces)
      .read_p("OFFSET", offset)
      .read("VERBOSE", verbose)
      .read("DETAILS", details)
      .read("CHECKSUM", checksum);
  if (args.complete() < 0) return -EINVAL;
  if (!ifaces.empty() && have_bad) return errh->error("INTERFACES and BADSRC are mutually exclusive");
  for (auto& im : ifaces) {
    bad.push_back(IPAddress((im.first.addr() & im.second.addr()) | ~im.second.addr()));
    good.push_back(im.first);
  }
  bad.push_back(IPAddress(0U));
  bad.push_back(IPAddress(0xFFFFFFFFU));
  bad_src_ = bad;
  good_dst_ = good;
  offset_ = offset;
  checksum_ = checksum;
  verbose_ = verbose;
  details_ = details;
  return 0;
}

Packet* CheckIPHeader::drop(Reason r, Packet* p) {
  if (drops_ == 0 || verbose_) click_chatter("%s: IP header check failed: %s", name().c_str(), reason_texts[r]);
  ++drops_;
  ++reason_drops_[r];
  if (noutputs() == 2) output(1).push(p);
  else p->kill();
  return nullptr;
}

Packet* CheckIPHeader::simple_action(Packet* p) {
  if (p->length() < offset_ || int(p->length() - offset_) < int(sizeof(click_ip))) return drop(MINISCULE_PACKET, p);
  const click_ip* ip = reinterpret_cast<const click_ip*>(p->data() + offset_);
  unsigned plen = p->length() - offset_;
  if (ip->ip_v != 4) return drop(BAD_VERSION, p);
  unsigned hlen = ip->ip_hl << 2;
  if (hlen < sizeof(click_ip)) return drop(BAD_HLEN, p);
  unsigned len = ntohs(ip->ip_len);
  if (len > plen || len < hlen) return drop(BAD_IP_LEN, p);
  if (checksum_ && click_in_cksum(reinterpret_cast<const unsigned char*>(ip), hlen) != 0) return drop(BAD_CHECKSUM, p);
  IPAddress src(ip->ip_src), dst(ip->ip_dst);
  if (std::find(bad_src_.begin(), bad_src_.end(), src) != bad_src_.end() &&
      std::find(good_dst_.begin(), good_dst_.end(), dst) == good_dst_.end())
    return drop(BAD_SADDR, p);
  p->set_ip_header(ip, hlen);
  if (plen > len) p->take(plen - len);
  p->set_dst_ip_anno(dst);
  ++count_;
  return p;
}

void CheckIPHeader::add_handlers() {
  add_data_handlers("count", Handler::f_read, &count_);
  add_data_handlers("drops", Handler::f_read, &drops_);
  if (details_)
    add_read_handler("drop_details", [this]() {
      String s;
      for (int i = 0; i < NREASONS; ++i) s += string_printf("%15llu packets due to: %24s\n", (unsigned long long)reason_drops_[i], reason_texts[i]);
      return s;
    });
}

EXPORT_ELEMENT(CheckIPHeader)
CLICK_ENDDECLS
