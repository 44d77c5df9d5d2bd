// -*- c++ -*-
#ifndef NETSERV_NOTIFIERQUEUE_HH
#define NETSERV_NOTIFIERQUEUE_HH
#include "simplequeue.hh"
CLICK_DECLS
/*
=c
NotifierQueue([CAPACITY])
=s storage
stores packets in a FIFO queue that tells pullers when it is empty
=d
A Queue (push input, pull output, drops new packets when full, on output 1
if connected) whose pullers (Unqueue, ToDevice, ...) sleep while it is empty
and wake on the next push. Queue does the same; this name is Click's.
=h length read-only
=h highwater_length read-only
=h drops read-only
=h capacity read/write
=h reset_counts write-only
=h reset write-only
=a Queue, SimpleQueue, FullNoteQueue
*/
class NotifierQueue : public SimpleQueue {
 public:
  const char* class_name() const override { return "NotifierQueue"; }
  void* cast(const char* n) override;
};
CLICK_ENDDECLS
#endif
