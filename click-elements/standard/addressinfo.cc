// AddressInfo. See addressinfo.hh.
#include "addressinfo.hh"
#include <click/args.hh>
#include <click/confparse.hh>
#include <click/router.hh>
CLICK_DECLS
#include <cstring>

void* AddressInfo::cast(const char* n) {
  if (strcmp(n, "AddressInfo") == 0) return static_cast<Element*>(this);
  if (strcmp(n, "AddressLookup") == 0) return static_cast<AddressLookup*>(this);
  return nullptr;
}

int AddressInfo::configure(Vector<String>& conf, ErrorHandler* errh) {
  Vector<Info> infos;
  ArgContext ctx(nullptr, errh);  // no context: literals only, no recursive name lookup
  for (auto& arg : conf) {
    Vector<String> words;
    cp_spacevec(arg, words);
    if (words.size() < 2) return errh->error("expected 'NAME ADDRESS [ADDRESS...]', got '%s'", arg.c_str());
    Info in;
    in.name = words[0];
    if (in.name.find(':') != String::npos) return errh->error("name '%s' may not contain ':'", in.name.c_str());
    for (size_t i = 1; i < words.size(); ++i) {
      IPAddress a, m;
      EtherAddress e;
      if (IPPrefixArg(true).parse(words[i], a, m, ctx) && !in.has_ip) { in.ip = a; in.mask = m; in.has_ip = true; }
      else if (EtherAddressArg::parse_literal(words[i], e) && !in.has_eth) { in.eth = e; in.has_eth = true; }
      else return errh->error("'%s': '%s' is not an IP address, IP prefix or Ethernet address (or is a second one)", in.name.c_str(), words[i].c_str());
    }
    for (auto& x : infos) if (x.name == in.name) return errh->error("name '%s' defined twice", in.name.c_str());
    infos.push_back(in);
  }
  infos_ = infos;
  return 0;
}

const AddressInfo::Info* AddressInfo::find(const String& name) const {
  for (auto& in : infos_) if (in.name == name) return &in;
  return nullptr;
}

bool AddressInfo::lookup_ip(const String& full, IPAddress& addr, IPAddress& mask) const {
  size_t colon = full.find(':');
  String name = full.substr(0, colon), part = colon == String::npos ? String() : full.substr(colon + 1);
  const Info* in = find(name);
  if (!in || !in->has_ip) return false;
  if (part.empty()) { addr = in->ip; mask = in->mask; return true; }
  if (part == "ip") { addr = in->ip; mask = IPAddress(0xFFFFFFFFU); return true; }
  if (part == "ipnet" || part == "net") { addr = in->ip & in->mask; mask = in->mask; return true; }
  if (part == "bcast") { addr = IPAddress((in->ip.addr() & in->mask.addr()) | ~in->mask.addr()); mask = IPAddress(0xFFFFFFFFU); return true; }
  return false;
}

bool AddressInfo::lookup_ether(const String& full, EtherAddress& ena) const {
  size_t colon = full.find(':');
  String name = full.substr(0, colon), part = colon == String::npos ? String() : full.substr(colon + 1);
  const Info* in = find(name);
  if (!in || !in->has_eth || !(part.empty() || part == "eth")) return false;
  ena = in->eth;
  return true;
}

void AddressInfo::add_handlers() {
  add_read_handler("table", [this]() {
    String s;
    for (auto& in : infos_) {
      s += in.name;
      if (in.has_ip) s += " " + (in.mask.addr() == 0xFFFFFFFFU ? in.ip.unparse() : in.ip.unparse_with_mask(in.mask));
      if (in.has_eth) s += " " + in.eth.unparse();
      s += "\n";
    }
    return s;
  });
}
EXPORT_ELEMENT(AddressInfo)
CLICK_ENDDECLS
