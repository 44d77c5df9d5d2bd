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
  bool b;
  String up = contents;
  for (auto& c : up) c = char(toupper((unsigned char)c));
  if (cp_bool(contents, &b)) contents_ = b ? 1 : 0;
  else if (up == "NONE") contents_ = 0;
  else if (up == "HEX") contents_ = 1;
  else if (up == "ASCII") contents_ = 2;
  else return errh->error("bad contents value '%s'; should be 'NONE', 'HEX', or 'ASCII'", contents.c_str());
  label_ = label;
  bytes_ = bytes;
  timestamp_ = timestamp;
  headroom_ = headroom;
  print_anno_ = print_anno;
  active_ = active;
  return 0;
}

// Click's format: [LABEL][: TIMESTAMP]: %4d LENGTH[ (hH tT)][ | ANNO][ | CONTENTS]
Packet* Print::simple_action(Packet* p) {
  if (!active_) return p;
  int bytes = contents_ ? bytes_ : 0;
  if (bytes < 0 || int(p->length()) < bytes) bytes = int(p->length());
  String s;
  const char* sep = "";
  if (!label_.empty()) { s += label_; sep = ": "; }
  if (timestamp_) { s += sep; s += p->timestamp_anno().unparse(); sep = ": "; }
  s += string_printf("%s%4d", sep, int(p->length()));
  if (headroom_) s += string_printf(" (h%d t%d)", int(p->headroom()), int(p->tailroom()));
  if (print_anno_) {
    s += " | ";
    for (int j = 0; j < Packet::anno_size; ++j) s += string_printf("%02x", p->anno_u8(j));
  }
  if (bytes) {
    s += " | ";
    const unsigned char* d = p->data();
    for (int i = 0; i < bytes; ++i) {
      if (contents_ == 1) {
        if (i && (i % 4) == 0) s += ' ';
        s += string_printf("%02x", d[i]);
      } else {
        if ((i % 8) == 0) s += ' ';
        s += (d[i] < 32 || d[i] > 126) ? '.' : char(d[i]);
      }
    }
  }
  click_chatter("%s", s.c_str());
  return p;
}
void Print::add_handlers() { add_data_handlers("active", Handler::f_read | Handler::f_write, &active_); }
EXPORT_ELEMENT(Print)
CLICK_ENDDECLS
