// -*- c++ -*-
// The Click-language front end: lexer + parser producing a flat graph
// (compound elements expanded, variables substituted), as Click's
// lib/lexer.cc. Names of compound members are "outer/inner" like Click's;
// anonymous elements are named "Class@N" (N = 1-based declaration index).
//
// Errors are Click-style, with file and line: "conf.click:6: unknown element class 'Foo'".
#ifndef NETSERV_CLICK_LEXER_HH
#define NETSERV_CLICK_LEXER_HH
#include <click/glue.hh>
#include <click/error.hh>
#include <map>
#include <functional>
CLICK_DECLS

struct FlatElement {
  String name;        // "a", "c/x", "Counter@3"
  String class_name;  // a primitive (registered) class
  String config;      // configuration string, variables expanded
  String landmark;    // "file:line"
};
struct FlatConnection {
  int from, from_port, to, to_port;
  String landmark;
};
struct FlatConfig {
  Vector<FlatElement> elements;
  Vector<FlatConnection> connections;
  Vector<String> requirements;  // require(...) arguments
};

/** `is_class(name)` says whether a primitive class exists (default: the
 *  element registry). Packages accepted by require(): "netserv",
 *  "userlevel", "ip", "standard", "ethernet", "analysis"? no: see lexer.cc. */
int parse_click_config(const String& text, const String& filename,
                       const std::map<String, String>& defines, FlatConfig& out,
                       ErrorHandler* errh,
                       std::function<bool(const String&)> is_class = nullptr);

/** Unparses a flat configuration (the "flatconfig" handler text). */
String unparse_flat_config(const FlatConfig& fc);

CLICK_ENDDECLS
#endif
