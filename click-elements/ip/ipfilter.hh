// -*- c++ -*-
#ifndef NETSERV_IPFILTER_HH
#define NETSERV_IPFILTER_HH
#include <click/element.hh>

#include <memory>
#include <vector>

#include "classify/program.hh"
CLICK_DECLS
/*
=c

IPFilter(ACTION_1 PATTERN_1, ..., ACTION_N PATTERN_N)

=s ip

filters IP packets by contents

=d

Filters IP packets. IPFilter can have an arbitrary number of filters, which
are ACTION-PATTERN pairs. The ACTIONs describe what to do with packets, while
the PATTERNs are tcpdump(1)-like patterns; see IPClassifier(n) for a
description of their syntax. Packets are tested against the filters in order,
and are processed according to the ACTION in the first filter that matched.
Packets that match no filter are dropped.

Each ACTION is either a port number, which specifies that the packet should be
sent out on that port; 'C<allow>', which is equivalent to 'C<0>'; or
'C<drop>', which means drop the packet. You can also say 'C<deny>' instead of
'C<drop>' (a warning reminds you of that when the element has more than one
output). A filter consisting only of an ACTION, or of an ACTION followed by
'C<->', 'C<any>' or 'C<all>', matches every packet.

The IPFilter element has an arbitrary number of outputs, as many as are
connected. Input packets must have their IP header annotation set;
CheckIPHeader and MarkIPHeader do this.

=n

Every IPFilter element has an equivalent corresponding IPClassifier element
and vice versa. Use the element whose syntax is more convenient for your
needs.

=e

  IPFilter(allow src BASTION && dst INTERNALNET
              && tcp && src port www && dst port > 1023 && ack,
           1 icmp type echo,
           deny all);

=h program read-only

Returns a human-readable definition of the program the IPFilter element is
using to classify packets. At each step in the program, four bytes of packet
data are ANDed with a mask and compared against four bytes of classifier
pattern. Offsets 256 and up are relative to the IP header, offsets 512 and up
to the transport header.

=h hits read-only

One line per output, "OUTPUT COUNT": the packets sent to that output since the
element was created. A configuration write keeps the counts (output k stays
output k). For per-rule metrics (netserv-click-exporter).

=h config read/write

Returns or sets the filters. Writing recompiles them and switches to the new
program between two packets. A bad filter (or an output number the element
does not have) is reported and the old program stays in use.

=a IPClassifier, Classifier, CheckIPHeader, MarkIPHeader, CheckIPHeader2,
tcpdump(1) */
class IPFilter : public Element {
 public:
  const char* class_name() const override { return "IPFilter"; }
  const char* port_count() const override { return "1/-"; }
  const char* processing() const override { return PUSH; }
  bool can_live_reconfigure() const override { return true; }
  int configure(Vector<String>& conf, ErrorHandler* errh) override;
  void add_handlers() override;
  void push(int port, Packet* p) override;

 protected:
  /** Compiles IPFilter filters (or IPClassifier patterns) for this
   *  element's outputs; installs the program only if it compiled.
   *  warn_unused: report outputs no packet can reach (IPClassifier does at
   *  its first configuration only, as in Click). */
  int install(const Vector<String>& conf, bool ipclassifier, bool warn_unused, ErrorHandler* errh);

 private:
  std::unique_ptr<const classify::Program> prog_;
  std::vector<uint64_t> hits_;  // packets sent to each output (the "hits" handler)
};
CLICK_ENDDECLS
#endif
