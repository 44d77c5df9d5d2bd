// -*- c++ -*-
#ifndef NETSERV_FRONTDROPQUEUE_HH
#define NETSERV_FRONTDROPQUEUE_HH
#include "simplequeue.hh"
CLICK_DECLS
/*
=c
FrontDropQueue([CAPACITY])
=s storage
stores packets in drop-from-front FIFO queue
=d
A FIFO queue (push input, pull output) that, when full, drops the packet at
its head (the oldest) to make room for the new one, instead of the new one.
Dropped packets go to output 1 if it is connected. Pullers sleep while it is
empty.
=h length read-only
=h highwater_length read-only
=h drops read-only
=h capacity read/write
=h reset_counts write-only
=h reset write-only
=a Queue, MixedQueue
*/
class FrontDropQueue : public SimpleQueue {
 public:
  const char* class_name() const override { return "FrontDropQueue"; }
  void* cast(const char* n) override;
  void push(int port, Packet* p) override;
};
CLICK_ENDDECLS
#endif
