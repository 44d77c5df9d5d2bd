// ScheduleInfo (the element). See scheduleinfo.hh.
#include "scheduleinfo.hh"
#include <click/args.hh>
#include <click/confparse.hh>
CLICK_DECLS

int ScheduleInfoElement::configure(Vector<String>& conf, ErrorHandler* errh) {
  for (const String& arg : conf) {
    Vector<String> words;
    cp_spacevec(arg, words);
    if (words.empty()) continue;
    double share;
    if (words.size() != 2 || !DoubleArg().parse(words[1], share, ArgContext(this, errh)) || share < 0)
      return errh->error("expected 'ELEMENT PARAM', got '%s'", arg.c_str());
  }
  return 0;
}

EXPORT_ELEMENT_AS(ScheduleInfoElement, "ScheduleInfo")
CLICK_ENDDECLS
