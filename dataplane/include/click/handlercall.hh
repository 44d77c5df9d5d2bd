// -*- c++ -*-
// HandlerCall: a write-handler call written in a configuration, as Click's
// <click/handlercall.hh> — "ELEMENT.HANDLER [VALUE]" or a global "HANDLER
// [VALUE]" (END_CALL, COUNT_CALL, ...). Kept as text at configure; checked at
// initialize (the element is found relative to the caller's compound, like
// Click; the handler exists and is writable), so a bad call is a configuration
// error instead of a message when it fires.
//
//   configure:   end_call_ = HandlerCall(text);
//   initialize:  if (end_call_.initialize_write(this, errh) < 0) return -1;
//   when done:   end_call_.call_write();
//   a handler:   return end_call_.reset_write(new_text, this, errh);
#ifndef NETSERV_CLICK_HANDLERCALL_HH
#define NETSERV_CLICK_HANDLERCALL_HH
#include <click/element.hh>
CLICK_DECLS

class HandlerCall {
 public:
  HandlerCall() = default;
  explicit HandlerCall(const String& text) : text_(text) {}

  /** No call configured. */
  bool empty() const { return text_.empty(); }
  /** The call as written. */
  const String& unparse() const { return text_; }
  /** Resolves the call in `context`'s router; 0, or a negative errno after errh->error. */
  int initialize_write(Element* context, ErrorHandler* errh);
  bool initialized() const { return element_ != nullptr || global_; }
  /** Calls the write handler with the configured value. An empty or
   *  unresolved call does nothing and returns 0. Errors go to errh (default:
   *  the default handler). */
  int call_write(ErrorHandler* errh = nullptr) const;
  /** Replaces the call with `text` and resolves it at once (for write
   *  handlers that change a call after initialize). Unchanged on error. */
  int reset_write(const String& text, Element* context, ErrorHandler* errh);

  Element* element() const { return element_; }
  const String& handler_name() const { return hname_; }
  const String& value() const { return value_; }

 private:
  String text_;
  Element* element_ = nullptr;   // null for a global handler
  bool global_ = false;
  String hname_, value_;
  Router* router_ = nullptr;
};

CLICK_ENDDECLS
#endif
