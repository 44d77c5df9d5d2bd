// -*- c++ -*-
#ifndef NETSERV_INFINITESOURCE_HH
#define NETSERV_INFINITESOURCE_HH
#include <click/element.hh>
#include <click/task.hh>
#include <click/timer.hh>
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
annotation is set to the current time.

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
class InfiniteSource : public Element {
 public:
  InfiniteSource() : task_(this), timer_(this) {}
  const char* class_name() const override { return "InfiniteSource"; }
  const char* port_count() const override { return PORTS_0_1; }
  const char* processing() const override { return AGNOSTIC; }
  int configure(Vector<String>& conf, ErrorHandler* errh) override;
  int initialize(ErrorHandler* errh) override;
  void cleanup(CleanupStage) override { if (packet_) { packet_->kill(); packet_ = nullptr; } }
  void add_handlers() override;
  bool run_task(Task*) override;
  void run_timer(Timer*) override;
  Packet* pull(int) override;
 private:
  Task task_;
  Timer timer_;
  String data_;
  int64_t limit_ = -1;
  int burst_ = 1;
  uint32_t rate_ = 10;
  int32_t length_ = -1;
  bool active_ = true, stop_ = false;
  uint64_t count_ = 0;
  String end_call_;
  Packet* packet_ = nullptr;   // template, cloned per emitted packet
  Timestamp start_;
  bool rated_ = false;
  void make_template();
  Packet* make_packet();
  bool limit_reached() const { return limit_ >= 0 && count_ >= uint64_t(limit_); }
  void finished();
};
CLICK_ENDDECLS
#endif
