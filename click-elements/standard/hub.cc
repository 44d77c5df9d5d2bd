// Hub. See hub.hh.
#include "hub.hh"
#include <click/packet.hh>
CLICK_DECLS

void Hub::push(int port, Packet* p) {
  int last = noutputs() - 1;
  if (last == port) --last;
  for (int o = 0; o < last; ++o)
    if (o != port)
      if (Packet* c = p->clone()) output(o).push(c);
  if (last >= 0) output(last).push(p);
  else p->kill();
}

EXPORT_ELEMENT(Hub)
CLICK_ENDDECLS
