// -*- c++ -*-
#ifndef NETSERV_INFINITESOURCE_HH
#define NETSERV_INFINITESOURCE_HH
#include "templatesource.hh"
#include <click/fullnotifier.hh>
CLICK_DECLS
/*
=c

InfiniteSource([DATA, LIMIT, BURST, ACTIVE?, I<keywords> DATA, LIMIT, BURST, ACTIVE, LENGTH, STOP, END_CALL])

=s basicsources

generates packets as fast as possible

=d

Creates packets consisting of DATA, emitting BURST packets (default 1) each time it is scheduled. Stops sending after LIMIT packets
are generated; but if LIMIT is negative (the default), sends packets forever.
InfiniteSource is agnostic: in pull context it hands out a packet per pull. If STOP is true, the driver is asked to stop when the limit is reached.
The default DATA is at least 64 bytes long. LENGTH, if given, overrides the
packet length (DATA is repeated or truncated). Each packet's timestamp
annotation is set to the current time. Pushing into a Queue (through Counter-like
elements), it sleeps while the queue is full and wakes on the next pull, as Click.

=k

=item DATA

String. Same as the DATA argument.

=item LIMIT

Integer. Same as the LIMIT argument.

=item BURST

Integer. Same as the BURST argument.

=item ACTIVE

Boolean. Same as the ACTIVE argument.

=item STOP

Boolean. If true, stop the driver when the limit is reached. Default false.

=item LENGTH

Integer. The packet length; DATA is repeated or truncated to fit.

=item END_CALL

A write handler ("ELEMENT.HANDLER [VALUE]") called when LIMIT is reached;
checked at initialization.

=h count read-only

Returns the total number of packets that have been generated.

=h reset write-only

Resets the number of generated packets to 0 (and re-activates a finished source).

=h data read/write

Returns or sets the DATA parameter.

=h limit read/write

Returns or sets the LIMIT parameter.

=h burst read/write

Returns or sets the BURST parameter.

=h active read/write

Makes the element active or inactive.

=a RatedSource, FromDump
*/
class InfiniteSource : public TemplateSource, public EmptyNotifier {
 public:
  const char* class_name() const override { return "InfiniteSource"; }
  int configure(Vector<String>& conf, ErrorHandler* errh) override;
  int initialize(ErrorHandler* errh) override;
  void add_handlers() override;
  bool run_task(Task*) override;
  Packet* pull(int) override;
  void* cast(const char* n) override;
  // pull mode, as Click's: packets while active and under LIMIT; pullers sleep otherwise
  bool notifier_active() const override { return active_ && !limit_reached(); }
  void add_listener(Task* t) override { listeners_.push_back(t); }
 private:
  void rearm() override;
  Vector<Task*> listeners_;
  FullNotifier* downstream_ = nullptr;   // a Queue we feed: sleep while it is full
};
CLICK_ENDDECLS
#endif
