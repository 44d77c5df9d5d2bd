// -*- c++ -*-
#ifndef NETSERV_FTPPORTMAPPER_HH
#define NETSERV_FTPPORTMAPPER_HH
#include "iprewriterbase.hh"
CLICK_DECLS
/*
=c
FTPPortMapper(CONTROL_REWRITER, DATA_REWRITER, DATA_REWRITER_INPUT)
=s nat
translates FTP control packets' PORT commands for a rewriter
=d
Sits on an FTP control connection just before CONTROL_REWRITER (a TCPRewriter or IPRewriter that rewrites that connection). A packet whose payload is a PORT command C<PORT a,b,c,d,p1,p2> (ending in CR or LF) of a connection CONTROL_REWRITER already has a flow for announces a data connection from the FTP server's port (control port - 1) to a.b.c.d:p1*256+p2. FTPPortMapper makes that flow in DATA_REWRITER (as if its first packet arrived on input DATA_REWRITER_INPUT, so that input's spec decides how it is rewritten), writes the rewritten address and port into the command, fixes the IP length and checksum and the TCP checksum, and tells CONTROL_REWRITER's flow that later sequence numbers (and the server's acknowledgements, SACK blocks included) move by the change in length. Other packets pass unchanged; so does a PORT command for which no data flow can be made.
=a IPRewriter, TCPRewriter, IPRewriterPatterns
*/
class FTPPortMapper : public Element {
 public:
  const char* class_name() const override { return "FTPPortMapper"; }
  const char* port_count() const override { return "1/1"; }
  const char* processing() const override { return AGNOSTIC; }
  int configure(Vector<String>& conf, ErrorHandler* errh) override;
  int initialize(ErrorHandler* errh) override;
  Packet* simple_action(Packet* p) override;

 private:
  String control_name_, data_name_;
  IPRewriterBase* control_ = nullptr;
  IPRewriterBase* data_ = nullptr;
  int data_input_ = 0;
};
CLICK_ENDDECLS
#endif
