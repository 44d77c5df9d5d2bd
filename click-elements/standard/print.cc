// Print. See print.hh.
#include "print.hh"
#include <click/args.hh>
#include <click/confparse.hh>
#include <click/router.hh>
CLICK_DECLS
int Print::configure(Vector<String>& conf, ErrorHandler* errh) {
  String label, contents = "HEX";
  int bytes = 24;
  bool timestamp = false, headroom = false, active = true, print_anno = false, cpu = false;
  if (Args(conf, this, errh)
          .read_p("LABEL", label)
          .read_p("MAXLENGTH", bytes)
          .read("LENGTH", bytes)
          .read("NBYTES", bytes)
          .read("CONTENTS", WordArg(), contents)
          .read("TIMESTAMP", timestamp)
          .read("PRINTANNO", print_anno)
          .read("CPU", cpu)
          .read("HEADROOM", headroom)
          .read("ACTIVE", active)
          .complete() < 0)
    return -EINVAL;
  for (auto& c : contents) c = char(toupper((unsigned char)c));
  if (contents == "NO" || contents == "FALSE" || contents == "NONE") contents_ = 0;
  else if (contents == "YES" || contents == "TRUE" || contents == "HEX") contents_ = 1;
  else if (contents == "ASCII") contents_ = 2;
  else return errh->error("bad contents value '%s'; should be 'NONE', 'HEX', or 'ASCII'", contents.c_str());
  label_ = label;
  bytes_ = bytes;
  timestamp_ = timestamp;
  headroom_ = headroom;
  active_ = active;
  return 0;
}
Packet* Print::simple_action(Packet* p) {
  if (!active_) return p;
  String s = label_;
  if (!label_.empty()) s += ": ";
  if (timestamp_) s += p->timestamp_anno().unparse() + ": ";
  if (headroom_) s += string_printf("(h%u t%u) ", p->headroom(), p->tailroom());
  s += string_printf("%4u", p->length());
  if (contents_) {
    s += " | ";
    uint32_t n = (bytes_ < 0 || uint32_t(bytes_) > p->length()) ? p->length() : uint32_t(bytes_);
    const unsigned char* d = p->data();
    for (uint32_t i = 0; i < n; ++i) {
      if (contents_ == 1) {
        if (i && (i % 4) == 0) s += ' ';
        s += string_printf("%02x", d[i]);
      } else
        s += (d[i] >= 32 && d[i] < 127) ? char(d[i]) : '.';
    }
  }
  click_chatter("%s", s.c_str());
  return p;
}
void Print::add_handlers() { add_data_handlers("active", Handler::f_read | Handler::f_write, &active_); }
EXPORT_ELEMENT(Print)
CLICK_ENDDECLS
