// -*- c++ -*-
#ifndef NETSERV_CLIPBOARD_HH
#define NETSERV_CLIPBOARD_HH
#include <click/element.hh>
CLICK_DECLS
/*
=c

Clipboard(RANGE_1, ..., RANGE_N)

=s basicmod

copies data from one packet to another

=d

Each RANGE is OFFSET/LENGTH. Packets arriving on input 0 have those byte
ranges copied to the clipboard (packets too short to hold every range are not
copied) and leave on output 0 unchanged. Packets arriving on input 1 get the
clipboard pasted over the same ranges (packets too short are left alone) and
leave on output 1. Before the first copy the clipboard holds zero bytes.
Works in push and pull.

=a StoreData
*/
class Clipboard : public Element {
 public:
  const char* class_name() const override { return "Clipboard"; }
  const char* port_count() const override { return "2/2"; }
  const char* flow_code() const override { return "#/#"; }
  int configure(Vector<String>& conf, ErrorHandler* errh) override;
  void push(int port, Packet* p) override;
  Packet* pull(int port) override;
 private:
  struct Range { uint32_t offset, length; };
  Vector<Range> ranges_;
  Vector<unsigned char> clipboard_;
  uint32_t min_length_ = 0;       // a packet must be this long to copy or paste
  void copy(const Packet* p);
  Packet* paste(Packet* p);
};
CLICK_ENDDECLS
#endif
