// IPClassifier. See ipclassifier.hh: IPFilter's language with one output per
// pattern.
#include "ipclassifier.hh"
CLICK_DECLS

int IPClassifier::configure(Vector<String>& conf, ErrorHandler* errh) {
  if (int(conf.size()) != noutputs())
    return errh->error("need %d arguments, one per output port", noutputs());
  // Like Click, only the first configuration warns about unreachable
  // outputs: live rewrites routinely park slots on "false".
  if (install(conf, true, patterns_.empty(), errh) < 0) return -EINVAL;
  patterns_ = conf;
  return 0;
}

void IPClassifier::add_handlers() {
  IPFilter::add_handlers();
  for (int i = 0; i < noutputs(); ++i) {
    String name = "pattern" + std::to_string(i);
    add_read_handler(name, [this, i]() { return i < int(patterns_.size()) ? patterns_[i] : String(); });
    add_write_handler(name, [this, i](const String& s, ErrorHandler* errh) -> int {
      Vector<String> conf = patterns_;
      conf[i] = s;
      if (configure(conf, errh) < 0) return -EINVAL;
      String text;
      for (const String& pattern : patterns_) text += (text.empty() ? "" : ", ") + pattern;
      set_configuration(text);
      return 0;
    });
  }
}

EXPORT_ELEMENT(IPClassifier)
CLICK_ENDDECLS
