// -*- c++ -*-
#ifndef NETSERV_PRINT_HH
#define NETSERV_PRINT_HH
#include <click/element.hh>

CLICK_DECLS
/*
=c

Print([LABEL, MAXLENGTH, I<keywords> CONTENTS, TIMESTAMP, HEADROOM, ACTIVE])

=s debugging

prints packet contents

=d

Prints up to MAXLENGTH bytes of data from each packet, in hex, preceded by
the LABEL text. Default MAXLENGTH is 24; -1 means the whole packet. Output
goes to standard error, one line per packet, exactly as Click's Print:

  LABEL: TIMESTAMP:  LEN (hH tT) | ANNOTATIONS | 45000054 00004000 ...

(LEN right-aligned in 4 columns; each part only when enabled; hex bytes in
groups of 4; ASCII contents in groups of 8, each group preceded by a space).

=item PRINTANNO

Boolean. Print the annotation area in hex. Default false.

=k

=item CONTENTS

HEX (default), ASCII (printable characters, others as "."), or NONE.

=item TIMESTAMP

Boolean. Print each packet's timestamp annotation. Default false.

=item HEADROOM

Boolean. Print each packet's headroom and tailroom, as "(h12 t8)". Default false.

=item ACTIVE

Boolean. If false, print nothing. Default true.

=h active read/write

Returns or sets the ACTIVE parameter.

=a IPPrint
*/
class Print : public Element {
 public:
  const char* class_name() const override { return "Print"; }
  const char* port_count() const override { return PORTS_1_1; }
  int configure(Vector<String>& conf, ErrorHandler* errh) override;
  bool can_live_reconfigure() const override { return true; }
  void add_handlers() override;
  Packet* simple_action(Packet* p) override;
 private:
  String label_;
  int bytes_ = 24;
  int contents_ = 1;  // 0 none, 1 hex, 2 ascii
  bool timestamp_ = false, headroom_ = false, print_anno_ = false, active_ = true;
};
CLICK_ENDDECLS
#endif
