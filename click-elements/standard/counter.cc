// Counter. See counter.hh.
#include "counter.hh"
#include <click/args.hh>
#include <click/router.hh>
#include <click/confparse.hh>
CLICK_DECLS

// Splits "N HANDLER [VALUE]"; the handler is resolved at initialize.
int Counter::parse_call(const String& arg, CountCall& cc, ErrorHandler* errh) {
  String rest = arg;
  String n = cp_shift_spacevec(rest);
  uint64_t v;
  ArgContext ctx(this, errh);
  if (!IntArg().parse(n, v, ctx) || rest.empty()) return errh->error("syntax error, expected 'N HANDLER [VALUE]'");
  cc.arg = arg;
  cc.trigger = v;
  cc.call = HandlerCall(rest);
  cc.triggered = false;
  return 0;
}

int Counter::configure(Vector<String>& conf, ErrorHandler* errh) {
  String cc, bcc;
  if (Args(conf, this, errh).read("COUNT_CALL", AnyArg(), cc).read("BYTE_COUNT_CALL", AnyArg(), bcc).complete() < 0)
    return -EINVAL;
  count_call_ = CountCall();
  byte_count_call_ = CountCall();
  if (!cc.empty() && parse_call(cc, count_call_, errh) < 0) return -EINVAL;
  if (!bcc.empty() && parse_call(bcc, byte_count_call_, errh) < 0) return -EINVAL;
  return 0;
}

int Counter::initialize(ErrorHandler* errh) {
  if (count_call_.call.initialize_write(this, errh) < 0 || byte_count_call_.call.initialize_write(this, errh) < 0)
    return -EINVAL;
  reset();
  return 0;
}

// The count_call / byte_count_call write handlers: parsed and resolved at once.
int Counter::write_call(const String& s, CountCall& cc, ErrorHandler* errh) {
  CountCall next;
  if (parse_call(cp_uncomment(s), next, errh) < 0 || next.call.initialize_write(this, errh) < 0) return -EINVAL;
  cc = next;
  return 0;
}

void Counter::reset() {
  count_ = byte_count_ = 0;
  packet_rate_.reset();
  byte_rate_.reset();
  count_call_.triggered = byte_count_call_.triggered = false;
}

Packet* Counter::simple_action(Packet* p) {
  ++count_;
  byte_count_ += p->length();
  packet_rate_.update(1);
  byte_rate_.update(p->length());
  if (!count_call_.call.empty() && count_ == count_call_.trigger && !count_call_.triggered) {
    count_call_.triggered = true;
    count_call_.call.call_write();
  }
  if (!byte_count_call_.call.empty() && byte_count_ >= byte_count_call_.trigger && !byte_count_call_.triggered) {
    byte_count_call_.triggered = true;
    byte_count_call_.call.call_write();
  }
  return p;
}

void Counter::add_handlers() {
  add_data_handlers("count", Handler::f_read, &count_);
  add_data_handlers("byte_count", Handler::f_read, &byte_count_);
  add_read_handler("rate", [this]() { return packet_rate_.unparse_rate(); });
  add_read_handler("byte_rate", [this]() { return byte_rate_.unparse_rate(); });
  add_read_handler("bit_rate", [this]() { return byte_rate_.unparse_rate(8); });
  auto rst = [this](const String&, ErrorHandler*) { reset(); return 0; };
  add_write_handler("reset_counts", rst, Handler::f_button);
  add_write_handler("reset", rst, Handler::f_button);
  add_data_handlers("count_call", Handler::f_read, &count_call_.arg);
  add_write_handler("count_call", [this](const String& s, ErrorHandler* errh) { return write_call(s, count_call_, errh); });
  add_data_handlers("byte_count_call", Handler::f_read, &byte_count_call_.arg);
  add_write_handler("byte_count_call", [this](const String& s, ErrorHandler* errh) { return write_call(s, byte_count_call_, errh); });
}

EXPORT_ELEMENT(Counter)
CLICK_ENDDECLS
