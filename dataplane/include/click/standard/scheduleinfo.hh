// -*- c++ -*-
// ScheduleInfo::initialize_task, for element code ported from Click
// (tickets are accepted but the driver schedules round-robin).
#ifndef NETSERV_CLICK_SCHEDULEINFO_HH
#define NETSERV_CLICK_SCHEDULEINFO_HH
#include <click/element.hh>
#include <click/task.hh>
CLICK_DECLS
struct ScheduleInfo {
  static void initialize_task(Element* e, Task* t, bool schedule, ErrorHandler*) { t->initialize(e, schedule); }
  static void initialize_task(Element* e, Task* t, ErrorHandler* errh) { initialize_task(e, t, true, errh); }
  static void join_scheduler(Element* e, Task* t, ErrorHandler* errh) { initialize_task(e, t, true, errh); }
};
CLICK_ENDDECLS
#endif
