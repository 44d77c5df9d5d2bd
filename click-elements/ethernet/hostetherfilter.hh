// -*- c++ -*-
#ifndef NETSERV_HOSTETHERFILTER_HH
#define NETSERV_HOSTETHERFILTER_HH
#include <click/element.hh>
#include <click/etheraddress.hh>
#include <cstring>
CLICK_DECLS
/*
=c

HostEtherFilter(ETHER [, DROP_OWN, DROP_OTHER, I<keywords> OFFSET])

=s ethernet

drops Ethernet packets sent to other machines

=d

Expects Ethernet packets as input. Acts basically like Ethernet input hardware
for a device with address ETHER. In particular, HostEtherFilter sets each
packet's packet type annotation to HOST, BROADCAST, MULTICAST, or OTHERHOST
based on its Ethernet destination address. Emits most packets on the first
output. If DROP_OWN is true, drops packets whose source address is ETHER;
defaults to false. If DROP_OTHER is true, drops packets sent to hosts other
than ETHER (that is, packets with unicast destination addresses that do not
equal ETHER); defaults to true. If the element has two outputs, filtered
packets are emitted on the second output rather than dropped.

=k

=item OFFSET

Unsigned integer. The offset of the Ethernet header in the packet. Default 0.

=h ether read/write

Returns or sets the ETHER parameter.

=a EtherEncap
*/
class HostEtherFilter : public Element {
 public:
  const char* class_name() const override { return "HostEtherFilter"; }
  const char* port_count() const override { return PORTS_1_1X2; }
  const char* processing() const override { return PROCESSING_A_AH; }
  int configure(Vector<String>& conf, ErrorHandler* errh) override;
  Packet* simple_action(Packet* p) override;
  void add_handlers() override { add_data_handlers("ether", Handler::f_read | Handler::f_write, &addr_); }
 private:
  EtherAddress addr_;
  bool drop_own_ = false, drop_other_ = true;
  uint32_t offset_ = 0;
  Packet* reject(Packet* p) { checked_output_push(1, p); return nullptr; }
};
CLICK_ENDDECLS
#endif
