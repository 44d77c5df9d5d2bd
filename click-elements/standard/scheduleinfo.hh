// -*- c++ -*-
#ifndef NETSERV_SCHEDULEINFO_ELEMENT_HH
#define NETSERV_SCHEDULEINFO_ELEMENT_HH
#include <click/element.hh>
CLICK_DECLS
/*
=c

ScheduleInfo(ELEMENT PARAM, ...)

=s information

specifies scheduling parameters

=d

Gives the relative share of CPU time (Click's tickets, PARAM 1 = the default
share) the tasks of each named ELEMENT should get. netserv-click's driver runs
tasks round-robin, so the values are checked (a nonnegative real number per
element) and otherwise unused; configurations that carry ScheduleInfo run
unchanged. (The C++ class is ScheduleInfoElement: ScheduleInfo is the task
helper of <click/standard/scheduleinfo.hh>.)

=a ScheduleLinux
*/
class ScheduleInfoElement : public Element {
 public:
  const char* class_name() const override { return "ScheduleInfo"; }
  int configure_phase() const override { return CONFIGURE_PHASE_INFO; }
  int configure(Vector<String>& conf, ErrorHandler* errh) override;
};
CLICK_ENDDECLS
#endif
