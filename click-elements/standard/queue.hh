// -*- c++ -*-
#ifndef NETSERV_QUEUE_HH
#define NETSERV_QUEUE_HH
#include "simplequeue.hh"
CLICK_DECLS
/*
=c


Queue([CAPACITY])

=s storage

stores packets in a FIFO queue

=d

Stores incoming packets in a first-in-first-out queue. Drops incoming packets
if the queue already holds CAPACITY packets (drop-tail); dropped packets go
to output 1 (push) if it exists. The default for
CAPACITY is 1000. Input is push, output is pull. Pullers sleep while the queue
is empty; push sources (InfiniteSource) sleep while it is full.

=h length read-only

Returns the current number of packets in the queue.

=h highwater_length read-only

Returns the maximum number of packets that have ever been in the queue at once.

=h capacity read/write

Returns or sets the queue's capacity.

=h drops read-only

Returns the number of packets dropped by the queue so far.

=h reset_counts write-only

When written, resets the drops and highwater_length counters.

=h reset write-only

When written, drops all packets in the queue.

=a Queue, SimpleQueue, MixedQueue, FrontDropQueue, RED
*/
// Click's Queue is SimpleQueue with notification; ours share one implementation
// (SimpleQueue already wakes sleeping pullers and pushers), so Queue only adds
// its name and advertises full notification.
class Queue : public SimpleQueue {
 public:
  const char* class_name() const override { return "Queue"; }
  void* cast(const char* n) override;
};
CLICK_ENDDECLS
#endif
