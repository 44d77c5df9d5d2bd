// -*- c++ -*-
// Configuration-string helpers with Click's semantics (lib/confparse.cc).
#ifndef NETSERV_CLICK_CONFPARSE_HH
#define NETSERV_CLICK_CONFPARSE_HH
#include <click/glue.hh>
#include <cerrno>
CLICK_DECLS

/** Removes comments and surrounding whitespace; keeps quoted text intact. */
String cp_uncomment(const String& s);
/** Splits at top-level commas (not inside (), [], {}, or quotes) into
 *  uncommented, trimmed arguments. An all-blank string gives no arguments. */
void cp_argvec(const String& s, Vector<String>& out);
Vector<String> cp_argvec(const String& s);
/** Splits at whitespace (respecting quotes). */
void cp_spacevec(const String& s, Vector<String>& out);
/** Removes and returns the first space-separated word of s (respecting quotes). */
String cp_shift_spacevec(String& s);
/** Joins arguments with ", ". */
String cp_unargvec(const Vector<String>& v);
/** Removes double/single quotes and processes backslash escapes inside "..."
 *  (\n \t \\ \" \xHH \<hex bytes>), like Click's cp_unquote. */
String cp_unquote(const String& s);
/** Quotes s if it is not a plain word. */
String cp_quote(const String& s, bool allow_newlines = false);
/** True if s is a Click "word" (no spaces, quotes, commas...). */
bool cp_is_word(const String& s);
/** True if s is a valid element name / identifier ([A-Za-z0-9_@/]+ not all digits). */
bool cp_is_click_id(const String& s);
/** Boolean per Click: true/false/yes/no/1/0/on/off (case-insensitive? no: lowercase only, as Click). */
bool cp_bool(const String& s, bool* out);
/** Trims ASCII whitespace at both ends. */
String cp_trim(const String& s);

CLICK_ENDDECLS
#endif
