// Counter. See counter.hh.
#include "counter.hh"
#include <click/args.hh>
#include <click/router.hh>
#include <click/confparse.hh>
CLICK_DECLS

int Counter::parse_call(const String& arg, uint64_t& trigger, String& call, ErrorHandler* errh) {
  String rest = arg;
  String n = cp_shift_spacevec(rest);
  uint64_t v;
  ArgContext ctx(this, errh);
  if (!IntArg().parse(n, v, ctx) || rest.empty()) return errh->error("syntax error, expected 'N HANDLER [VALUE]'");
  trigger = v;
  call = rest;
  return 0;
}

int Counter::configure(Vector<String>& conf, ErrorHandler* errh) {
  String cc, bcc;
  if (Args(conf, this, errh).read("COUNT_CALL", AnyArg(), cc).read("BYTE_COUNT_CALL", AnyArg(), bcc).complete() < 0)
    return -EINVAL;
  count_call_.clear();
  byte_count_call_.clear();
  if (!cc.empty() && parse_call(cc, count_trigger_, count_call_, errh) < 0) return -EINVAL;
  if (!bcc.empty() && parse_call(bcc, byte_trigger_, byte_count_call_, errh) < 0) return -EINVAL;
  count_call_arg_ = cc;
  byte_call_arg_ = bcc;
  return 0;
}

void Counter::reset() {
  count_ = byte_count_ = 0;
  packet_rate_.reset();
  byte_rate_.reset();
  count_triggered_ = byte_triggered_ = false;
}

void Counter::fire(const String& call) {
  String h = call, value;
  size_t sp = h.find_first_of(" \t");
  if (sp != String::npos) { value = cp_trim(h.substr(sp + 1)); h = h.substr(0, sp); }
  router()->handler_write(h, value, ErrorHandler::default_handler());
}

Packet* Counter::simple_action(Packet* p) {
  ++count_;
  byte_count_ += p->length();
  packet_rate_.update(1);
  byte_rate_.update(p->length());
  if (!count_call_.empty() && count_ == count_trigger_ && !count_triggered_) { count_triggered_ = true; fire(count_call_); }
  if (!byte_count_call_.empty() && byte_count_ >= byte_trigger_ && !byte_triggered_) { byte_triggered_ = true; fire(byte_count_call_); }
  return p;
}

void Counter::add_handlers() {
  add_read_handler("count", [this]() { return std::to_string(count_); });
  add_read_handler("byte_count", [this]() { return std::to_string(byte_count_); });
  add_read_handler("rate", [this]() { return packet_rate_.unparse_rate(); });
  add_read_handler("byte_rate", [this]() { return byte_rate_.unparse_rate(); });
  add_read_handler("bit_rate", [this]() { return byte_rate_.unparse_rate(8); });
  auto rst = [this](const String&, ErrorHandler*) { reset(); return 0; };
  add_write_handler("reset_counts", rst, Handler::f_button);
  add_write_handler("reset", rst, Handler::f_button);
  add_read_handler("count_call", [this]() { return count_call_arg_; });
  add_write_handler("count_call", [this](const String& s, ErrorHandler* errh) -> int {
    String arg = cp_uncomment(s);
    if (parse_call(arg, count_trigger_, count_call_, errh) < 0) return -EINVAL;
    count_call_arg_ = arg;
    count_triggered_ = false;
    return 0;
  });
  add_read_handler("byte_count_call", [this]() { return byte_call_arg_; });
  add_write_handler("byte_count_call", [this](const String& s, ErrorHandler* errh) -> int {
    String arg = cp_uncomment(s);
    if (parse_call(arg, byte_trigger_, byte_count_call_, errh) < 0) return -EINVAL;
    byte_call_arg_ = arg;
    byte_triggered_ = false;
    return 0;
  });
}

EXPORT_ELEMENT(Counter)
CLICK_ENDDECLS
