// -*- c++ -*-
#ifndef NETSERV_TODUMP_HH
#define NETSERV_TODUMP_HH
#include <click/element.hh>
#include <click/task.hh>
#include <cstdio>
CLICK_DECLS

/*
=c

ToDump(FILENAME [, I<keywords> SNAPLEN, ENCAP, EXTRA_LENGTH, UNBUFFERED, NANO])

=s traces

writes packets to a tcpdump (pcap) file

=d

Writes incoming packets to FILENAME in pcap format ("-" means standard
output). Each record takes its time from the packet's timestamp annotation
(the current time if unset). Agnostic: in pull mode a task pulls packets as
fast as they come. If ToDump has an output, every packet is emitted there
after being written.

=k

=item SNAPLEN

Unsigned. Maximum number of bytes written per packet; 0 means no limit.
Default 2000.

=item ENCAP

The link type recorded in the file header: ETHER (default), IP, PPP, FDDI,
802_11, LINUX_SLL, NULL, ...

=item EXTRA_LENGTH

Boolean. If true (default), the record's original length includes the
packet's EXTRA_LENGTH annotation.

=item UNBUFFERED

Boolean. If true, flush after every packet. Default false.

=item NANO

Boolean. If true (default), write nanosecond-precision timestamps (magic
0xa1b23c4d), as Click built with nanosecond timestamps does.

=h count read-only

Number of packets written.

=h filename read-only

The output file name.

=h reset_counts write-only

Resets count to 0.

=a FromDump
*/
class ToDump : public Element {
 public:
  ToDump();
  ~ToDump();
  const char* class_name() const override { return "ToDump"; }
  const char* port_count() const override { return "1/0-1"; }
  const char* processing() const override { return "a/h"; }
  const char* flags() const override { return "S2"; }
  int configure(Vector<String>& conf, ErrorHandler* errh) override;
  int initialize(ErrorHandler* errh) override;
  void cleanup(CleanupStage) override;
  void add_handlers() override;
  void push(int, Packet* p) override;
  bool run_task(Task*) override;

 private:
  String filename_;
  FILE* f_ = nullptr;
  uint32_t snaplen_ = 2000;
  int linktype_ = 1;
  bool extra_length_ = true, unbuffered_ = true, nano_ = true;
  uint64_t count_ = 0;
  Task task_;
  EmptyNotifier* notifier_ = nullptr;
  void write_packet(Packet* p);
};

CLICK_ENDDECLS
#endif
