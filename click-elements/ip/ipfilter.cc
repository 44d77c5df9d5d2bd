// IPFilter. See ipfilter.hh; the pattern language is in
// click-elements/classify/ipfilter_lang.cc.
#include "ipfilter.hh"

#include "classify/packetview.hh"
CLICK_DECLS

int IPFilter::install(const Vector<String>& conf, bool ipclassifier, bool warn_unused, ErrorHandler* errh) {
  auto prog = std::make_unique<classify::Program>();
  classify::Diagnostics diag;
  bool ok = ipclassifier ? classify::compile_ipclassifier(conf, *prog, diag)
                         : classify::compile_ipfilter(conf, noutputs(), *prog, diag);
  for (const std::string& e : diag.errors) errh->error("%s", e.c_str());
  if (!ok) return -EINVAL;
  for (const std::string& w : diag.warnings)
    if (warn_unused || w.compare(0, 7, "output ") != 0) errh->warning("%s", w.c_str());
  // The driver is single-threaded: handlers run between packets, so this
  // swap is the whole switch-over.
  prog_ = std::move(prog);
  // per-output counts survive a rewrite: output k stays output k (e.g. ns's slot k)
  hits_.resize(noutputs(), 0);
  return 0;
}

int IPFilter::configure(Vector<String>& conf, ErrorHandler* errh) {
  return install(conf, false, false, errh);
}

void IPFilter::add_handlers() {
  add_read_handler("program", [this]() { return prog_ ? String(prog_->unparse()) : String(); });
  add_read_handler("hits", [this]() { return classify::unparse_hits(hits_); });
}

void IPFilter::push(int, Packet* p) {
  int o = prog_->match(classify::header_view(p));
  if (unsigned(o) < hits_.size()) ++hits_[o];
  checked_output_push(o, p);
}

EXPORT_ELEMENT(IPFilter)
CLICK_ENDDECLS
