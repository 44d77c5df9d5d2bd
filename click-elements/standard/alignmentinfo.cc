// AlignmentInfo. See alignmentinfo.hh.
#include "alignmentinfo.hh"
#include <click/args.hh>
#include <click/confparse.hh>
CLICK_DECLS

int AlignmentInfo::configure(Vector<String>& conf, ErrorHandler* errh) {
  for (const String& arg : conf) {
    Vector<String> words;
    cp_spacevec(arg, words);
    if (words.empty()) continue;
    if (words.size() % 2 == 0)
      return errh->error("expected 'ELEMENT [MODULUS OFFSET]...', got '%s'", arg.c_str());
    for (size_t i = 1; i < words.size(); i += 2) {
      int modulus, offset;
      ArgContext ctx(this, errh);
      if (!IntArg().parse(words[i], modulus, ctx) || !IntArg().parse(words[i + 1], offset, ctx) || modulus <= 0 || offset < 0)
        return errh->error("bad alignment '%s %s' for '%s'", words[i].c_str(), words[i + 1].c_str(), words[0].c_str());
    }
  }
  return 0;
}

EXPORT_ELEMENT(AlignmentInfo)
CLICK_ENDDECLS
