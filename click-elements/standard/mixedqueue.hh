// -*- c++ -*-
#ifndef NETSERV_MIXEDQUEUE_HH
#define NETSERV_MIXEDQUEUE_HH
#include "simplequeue.hh"
CLICK_DECLS
/*
=c
MixedQueue([CAPACITY])
=s storage
stores packets in a FIFO/LIFO queue
=d
Packets pushed on input 0 join the tail (first in, first out); packets
pushed on input 1 go to the head, and leave next (last in, first out). When
full, a packet on input 0 is dropped; a packet on input 1 takes the place of
the packet at the tail, which is dropped. Drops go to output 1 if connected.
Pullers sleep while it is empty.
=h length read-only
=h highwater_length read-only
=h drops read-only
=h capacity read/write
=h reset_counts write-only
=h reset write-only
=a Queue, FrontDropQueue
*/
class MixedQueue : public SimpleQueue {
 public:
  const char* class_name() const override { return "MixedQueue"; }
  const char* port_count() const override { return "2/1-2"; }
  void* cast(const char* n) override;
  void push(int port, Packet* p) override;
};
CLICK_ENDDECLS
#endif
