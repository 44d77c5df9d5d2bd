// -*- c++ -*-
#ifndef NETSERV_FULLNOTEQUEUE_HH
#define NETSERV_FULLNOTEQUEUE_HH
#include "simplequeue.hh"
CLICK_DECLS
/*
=c
FullNoteQueue([CAPACITY])
=s storage
stores packets in a FIFO queue with empty and full notification
=d
A Queue whose pullers sleep while it is empty (as NotifierQueue) and whose
push sources (InfiniteSource) sleep while it is full, woken by the next pull.
A packet pushed into a full queue is dropped (on output 1 if connected).
=h length read-only
=h highwater_length read-only
=h drops read-only
=h capacity read/write
=h reset_counts write-only
=h reset write-only
=a Queue, NotifierQueue
*/
class FullNoteQueue : public SimpleQueue {
 public:
  const char* class_name() const override { return "FullNoteQueue"; }
  void* cast(const char* n) override;
};
CLICK_ENDDECLS
#endif
