// -*- c++ -*-
#ifndef NETSERV_ALIGNMENTINFO_HH
#define NETSERV_ALIGNMENTINFO_HH
#include <click/element.hh>
CLICK_DECLS
/*
=c

AlignmentInfo(ELEMENT [MODULUS OFFSET ...], ...)

=s information

specifies alignment information

=d

Records the packet data alignment click-align computed for each ELEMENT's
inputs (pairs of MODULUS and OFFSET, one pair per input). netserv-click's
packet buffers are always suitably aligned for its elements, so the
information is checked for syntax and otherwise unused; it is accepted so
configurations from click-align run unchanged.

=a Align
*/
class AlignmentInfo : public Element {
 public:
  const char* class_name() const override { return "AlignmentInfo"; }
  int configure_phase() const override { return CONFIGURE_PHASE_INFO; }
  int configure(Vector<String>& conf, ErrorHandler* errh) override;
};
CLICK_ENDDECLS
#endif
