// -*- c++ -*-
#ifndef NETSERV_PORTINFO_HH
#define NETSERV_PORTINFO_HH
#include <click/element.hh>
#include <map>
CLICK_DECLS
/*
=c

PortInfo(NAME PORT[/PROTOCOL] [MORENAMES...], ...)

=s information

stores named TCP/UDP port information

=d

Defines port names for elements that take TCP or UDP ports (UDPIPEncap's
SPORT and DPORT): each argument gives a NAME (and optionally more names) for
PORT, for PROTOCOL "tcp" or "udp" (both when absent). A "#" starts a comment,
to the end of the argument; empty arguments are ignored. Names are scoped like
element names: a PortInfo inside a compound element defines names for the
elements in that compound, overriding outer definitions. Names PortInfo does
not define are looked up in Click's table of well-known ports, then in
/etc/services.

=a AddressInfo, UDPIPEncap
*/
class PortInfo : public Element {
 public:
  const char* class_name() const override { return "PortInfo"; }
  int configure_phase() const override { return CONFIGURE_PHASE_INFO; }
  int configure(Vector<String>& conf, ErrorHandler* errh) override;
  void* cast(const char* n) override;
  /** The port NAME means for proto ("tcp" or "udp") to `context`: the
   *  innermost PortInfo in scope, then /etc/services; a number is itself. */
  static bool lookup(const Element* context, const String& name, const char* proto, uint16_t& port);
 private:
  struct Entry { uint16_t port; bool tcp, udp; };
  std::map<String, Entry> names_;
};
CLICK_ENDDECLS
#endif
