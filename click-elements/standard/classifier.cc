// Classifier. See classifier.hh; the pattern language is in
// click-elements/classify/classifier_lang.cc.
#include "classifier.hh"

#include "classify/packetview.hh"
CLICK_DECLS

int Classifier::configure(Vector<String>& conf, ErrorHandler* errh) {
  if (int(conf.size()) != noutputs())
    return errh->error("need %d arguments, one per output port", noutputs());
  auto prog = std::make_unique<classify::Program>();
  classify::Diagnostics diag;
  bool ok = classify::compile_classifier(conf, *prog, diag);
  for (const std::string& e : diag.errors) errh->error("%s", e.c_str());
  if (!ok) return -EINVAL;
  for (const std::string& w : diag.warnings) errh->warning("%s", w.c_str());
  // The driver is single-threaded: handlers run between packets, so this
  // swap is the whole switch-over.
  prog_ = std::move(prog);
  hits_.resize(noutputs(), 0);
  return 0;
}

void Classifier::add_handlers() {
  add_read_handler("program", [this]() { return prog_ ? String(prog_->unparse()) : String(); });
  add_read_handler("hits", [this]() { return classify::unparse_hits(hits_); });
}

void Classifier::push(int, Packet* p) {
  int o = prog_->match(classify::data_view(p));
  if (unsigned(o) < hits_.size()) ++hits_[o];
  checked_output_push(o, p);
}

EXPORT_ELEMENT(Classifier)
CLICK_ENDDECLS
