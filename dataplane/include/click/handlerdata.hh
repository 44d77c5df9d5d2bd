// -*- c++ -*-
// Element::add_data_handlers: read/write handlers over a member variable,
// formatted like Click (bool "true"/"false", integers decimal, addresses
// unparsed).
#ifndef NETSERV_CLICK_HANDLERDATA_HH
#define NETSERV_CLICK_HANDLERDATA_HH
#include <click/element.hh>
#include <click/args.hh>
#include <click/confparse.hh>
CLICK_DECLS

namespace handler_detail {
inline String unparse(bool v) { return v ? "true" : "false"; }
template <typename T> typename std::enable_if<std::is_integral<T>::value, String>::type unparse(T v) { return std::to_string(v); }
inline String unparse(double v) { return string_printf("%g", v); }
inline String unparse(const String& v) { return v; }
inline String unparse(IPAddress v) { return v.unparse(); }
inline String unparse(const EtherAddress& v) { return v.unparse(); }
inline String unparse(const Timestamp& v) { return v.unparse(); }
}  // namespace handler_detail

template <typename T> void Element::add_data_handlers(const String& name, uint32_t rw_flags, T* data) {
  if (rw_flags & Handler::f_read)
    add_read_handler(name, [data]() { return handler_detail::unparse(*data); }, rw_flags & ~(Handler::f_read | Handler::f_write));
  if (rw_flags & Handler::f_write)
    add_write_handler(name, [this, data](const String& s, ErrorHandler* errh) -> int {
      Vector<String> conf{cp_uncomment(s)};
      T v{};
      if (Args(conf, this, errh).read_mp("VALUE", v).complete() < 0) return -EINVAL;
      *data = v;
      return 0;
    }, rw_flags & ~(Handler::f_read | Handler::f_write));
}

CLICK_ENDDECLS
#endif
