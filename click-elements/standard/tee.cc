// Tee. See tee.hh.
#include "tee.hh"
#include <click/args.hh>
#include <click/confparse.hh>
#include <click/router.hh>
CLICK_DECLS
int Tee::configure(Vector<String>& conf, ErrorHandler* errh) {
  int n = noutputs();
  if (Args(conf, this, errh).read_p("N", n).complete() < 0) return -EINVAL;
  if (n != noutputs()) return errh->error("%d outputs implies %d arms", noutputs(), noutputs());
  return 0;
}
void Tee::push(int, Packet* p) {
  int n = noutputs();
  for (int i = 0; i < n - 1; ++i)
    if (Packet* q = p->clone()) output(i).push(q);
  output(n - 1).push(p);
}
EXPORT_ELEMENT(Tee)
CLICK_ENDDECLS
