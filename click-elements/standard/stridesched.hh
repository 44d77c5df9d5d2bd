// -*- c++ -*-
#ifndef NETSERV_STRIDESCHED_HH
#define NETSERV_STRIDESCHED_HH
#include "schedulernotifier.hh"
#include <vector>
CLICK_DECLS
/*
=c
StrideSched(TICKETS0, ..., TICKETSn-1)
=s scheduling
pulls from stride-scheduled inputs
=d
Has one output and n inputs; input i gets TICKETSi tickets (0 to 32768; 0: never pulled). Stride scheduling: each input has a stride of 65536 / tickets and a pass that starts at its stride; a pull on the output tries the inputs in increasing pass order (ties in input order), adding each tried input's stride to its pass, until one gives a packet. An input that gives nothing is not tried again for that pull. So over time input i gives a share of packets proportional to its tickets. Inputs whose upstream storage is known to be empty are skipped (but still stridden); pullers downstream sleep while every input is empty.
=h ticketsN read/write
Input N's tickets. Setting 0 takes the input out of the schedule; setting it back puts it in at the current pass.
=h config read-only
The tickets, comma-separated.
=a PrioSched, RoundRobinSched
*/
class StrideSched : public SchedulerNotifier {
 public:
  const char* class_name() const override { return "StrideSched"; }
  const char* port_count() const override { return "1-/1"; }
  const char* processing() const override { return PULL; }
  int configure(Vector<String>& conf, ErrorHandler* errh) override;
  void add_handlers() override;
  Packet* pull(int) override;

  enum { STRIDE1 = 1U << 16, MAX_TICKETS = 1U << 15 };

 private:
  struct Client { int tickets = 0; uint32_t stride = 0, pass = 0; };
  std::vector<Client> clients_;
  std::vector<int> order_;   // inputs with tickets, by pass
  void insert(int i);
  int set_tickets(int i, const String& text, ErrorHandler* errh);
};
CLICK_ENDDECLS
#endif
