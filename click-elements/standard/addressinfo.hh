// -*- c++ -*-
#ifndef NETSERV_ADDRESSINFO_HH
#define NETSERV_ADDRESSINFO_HH
#include <click/element.hh>
#include <click/args.hh>
CLICK_DECLS
/*
=c

AddressInfo(NAME ADDRESS [ADDRESS...], ...)

=s information

specifies address information

=d

Lets you use mnemonic names for IPv4 addresses, IPv4 network prefixes and
Ethernet addresses in other elements' arguments. Each argument is a name
followed by one or more addresses: "10.0.0.1", "10.0.0.1/24" (an address with
its prefix) or "00:11:22:33:44:55". Where another element expects an IP
address, NAME means the IP address; where it expects a prefix, the address
with its prefix (or /32); where it expects an Ethernet address, the Ethernet
address. Suffixes select a part: NAME:ip (the address), NAME:ipnet (the
network, e.g. 10.0.0.0/24), NAME:bcast (the broadcast address), NAME:eth.

AddressInfo is configured before other elements, so names may be used
anywhere in the configuration.

=e

  AddressInfo(eth0 10.0.0.1/24 00:11:22:33:44:55);
  ... -> CheckIPHeader(INTERFACES eth0) -> ...
  arpq :: ARPQuerier(eth0, eth0);

=h table read-only

One line per name: "NAME ADDRESSES".

=a ARPQuerier, ARPResponder, CheckIPHeader
*/
class AddressInfo : public Element, public AddressLookup {
 public:
  const char* class_name() const override { return "AddressInfo"; }
  const char* port_count() const override { return PORTS_0_0; }
  int configure_phase() const override { return CONFIGURE_PHASE_FIRST; }
  void* cast(const char* n) override;
  int configure(Vector<String>& conf, ErrorHandler* errh) override;
  void add_handlers() override;
  bool lookup_ip(const String& name, IPAddress& addr, IPAddress& mask) const override;
  bool lookup_ether(const String& name, EtherAddress& ena) const override;
 private:
  struct Info {
    String name;
    bool has_ip = false, has_eth = false;
    IPAddress ip, mask;
    EtherAddress eth;
  };
  Vector<Info> infos_;
  const Info* find(const String& name) const;
};
CLICK_ENDDECLS
#endif
