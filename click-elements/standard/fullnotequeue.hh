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
A Queue whose pullers sleep while it is empty (as NotifierQueue). Click's
FullNoteQueue also tells pushers when it is full; here pushers are not put
to sleep (a full queue drops, on output 1 if connected).
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
