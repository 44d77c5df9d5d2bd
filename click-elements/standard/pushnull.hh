// -*- c++ -*-
#ifndef NETSERV_PUSHNULL_HH
#define NETSERV_PUSHNULL_HH
#include <click/element.hh>
CLICK_DECLS
/*
=c
PushNull
=s basictransfer
passes packets unchanged (push only)
=d
Responds to each pushed packet by pushing it unchanged out its first output.
=a Null, PullNull
*/
class PushNull : public Element {
 public:
  const char* class_name() const override { return "PushNull"; }
  const char* port_count() const override { return PORTS_1_1; }
  const char* processing() const override { return PUSH; }
  void push(int, Packet* p) override { output(0).push(p); }
};
/*
=c
PullNull
=s basictransfer
passes packets unchanged (pull only)
=d
Responds to each pull request by pulling a packet from its input and
returning it unchanged.
=a Null, PushNull
*/
class PullNull : public Element {
 public:
  const char* class_name() const override { return "PullNull"; }
  const char* port_count() const override { return PORTS_1_1; }
  const char* processing() const override { return PULL; }
  Packet* pull(int) override { return input(0).pull(); }
};
CLICK_ENDDECLS
#endif
