// -*- c++ -*-
#ifndef NETSERV_SIMPLEQUEUE_HH
#define NETSERV_SIMPLEQUEUE_HH
#include <click/element.hh>
#include <click/fullnotifier.hh>
#include <cstring>
#include <click/task.hh>
CLICK_DECLS
/*
=c


SimpleQueue([CAPACITY])

=s storage

stores packets in a FIFO queue

=d

Stores incoming packets in a first-in-first-out queue. Drops incoming packets
if the queue already holds CAPACITY packets (drop-tail); dropped packets go
to output 1 (push) if it exists. The default for
CAPACITY is 1000. Input is push, output is pull.

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
class SimpleQueue : public Element, public EmptyNotifier, public FullNotifier {
 public:
  ~SimpleQueue() override { while (head_ != tail_) { ring_[head_]->kill(); head_ = next(head_); } }
  const char* class_name() const override { return "SimpleQueue"; }
  const char* port_count() const override { return "1/1-2"; }
  const char* processing() const override { return "h/lh"; }
  void* cast(const char* n) override;
  int configure(Vector<String>& conf, ErrorHandler* errh) override;
  bool can_live_reconfigure() const override { return true; }
  int live_reconfigure(Vector<String>& conf, ErrorHandler* errh) override;
  void add_handlers() override;
  void push(int, Packet* p) override;
  Packet* pull(int) override;
  uint32_t size() const { return (tail_ + ring_.size() - head_) % ring_.size(); }
  uint32_t capacity() const { return capacity_; }
  bool notifier_active() const override { return head_ != tail_; }
  void add_listener(Task* t) override { listeners_.push_back(t); }
  // full notification: only Queue and FullNoteQueue advertise it (cast)
  bool has_room() const override { return size() < capacity_; }
  void add_full_listener(Task* t) override { full_listeners_.push_back(t); }

 protected:   // the queue variants (FrontDropQueue, MixedQueue) enqueue differently
  // ring of capacity+1 slots: head_ == tail_ means empty
  Vector<Packet*> ring_ = Vector<Packet*>(1001);
  uint32_t head_ = 0, tail_ = 0;
  uint32_t capacity_ = 1000;
  uint32_t highwater_ = 0;
  uint64_t drops_ = 0;
  Vector<Task*> listeners_;   // pullers asleep while we are empty
  Vector<Task*> full_listeners_;   // pushers asleep while we are full
  void wake_pushers() { for (Task* t : full_listeners_) t->reschedule(); }
  uint32_t next(uint32_t i) const { return i + 1 == ring_.size() ? 0 : i + 1; }
  int set_capacity(uint32_t c);
};
CLICK_ENDDECLS
#endif
