// The Click-language front end (lexer + parser + compound expansion).
//
// Pipeline: tokenize the whole text once (tokens carry their line), parse
// the top-level scope into a local graph (elements, connections, compound
// class definitions), then flatten: compound instances are expanded depth
// first in declaration order, their ports joined through "tunnel" nodes
// (NAME/input, NAME/output) that are contracted away at the end, as Click's
// lexer does.
#include <click/lexer.hh>
#include <click/confparse.hh>
#include <click/element.hh>
#include <cctype>
#include <cerrno>
#include <memory>
#include <set>
CLICK_DECLS

namespace {

enum TokKind { T_EOF, T_IDENT, T_VAR, T_CONFIG, T_COLON2, T_ARROW, T_LBRACK, T_RBRACK, T_LBRACE, T_RBRACE,
               T_COMMA, T_SEMI, T_BAR, T_ELLIPSIS, T_NUMBER, T_OTHER };

struct Token {
  TokKind kind;
  String text;
  int line;
};

bool ident_char(char c) { return isalnum((unsigned char)c) || c == '_' || c == '@'; }

// Where each line of the text came from. Tokens carry "virtual" line numbers
// (1, 2, ... through the text); a cpp line directive ("# 100 \"foobar.click\"")
// makes the following lines report another file and line, as Click's lexer does.
struct LineMap {
  Vector<String> file{String()};
  Vector<int> real{0};
  String landmark(int v) const {
    if (v <= 0 || size_t(v) >= file.size()) return file.size() > 1 ? file[1] + ":" + std::to_string(v) : ":" + std::to_string(v);
    return file[v] + ":" + std::to_string(real[v]);
  }
};

// "# 100 "file"" or "#line 100 "file"" -> line, file ("" if none); false if not a line directive.
bool parse_line_directive(const String& s, size_t i, int& lineno, String& fname) {
  ++i;
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
  if (s.compare(i, 4, "line") == 0) { i += 4; while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i; }
  if (i >= s.size() || !isdigit((unsigned char)s[i])) return false;
  lineno = 0;
  while (i < s.size() && isdigit((unsigned char)s[i])) lineno = lineno * 10 + (s[i++] - '0');
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
  fname.clear();
  if (i < s.size() && s[i] == '"') {
    size_t j = s.find('"', i + 1);
    if (j != String::npos && s.find('\n', i) > j) fname = s.substr(i + 1, j - i - 1);
  }
  return true;
}

class Tokenizer {
 public:
  Tokenizer(const String& text, const String& file, ErrorHandler* errh) : s_(text), file_(file), errh_(errh), map_(std::make_shared<LineMap>()) {
    map_->file.push_back(file);
    map_->real.push_back(1);
  }
  /** Re-tokenizes text that starts at virtual line `start` of `map` (a connection group's body). */
  Tokenizer(const String& text, const String& file, ErrorHandler* errh, std::shared_ptr<LineMap> map, int start)
      : s_(text), file_(file), errh_(errh), map_(std::move(map)), first_line_(start) {}
  std::shared_ptr<LineMap> lines() const { return map_; }
  bool run(Vector<Token>& out) {
    size_t i = 0;
    int line = first_line_;
    cur_file_ = map_->file[std::min<size_t>(line, map_->file.size() - 1)];
    cur_real_ = map_->real[std::min<size_t>(line, map_->real.size() - 1)];
    const size_t n = s_.size();
    while (true) {
      // skip space and comments
      while (i < n) {
        char c = s_[i];
        if (c == '\n') { next_line(line); ++i; }
        else if (isspace((unsigned char)c)) ++i;
        else if (c == '/' && i + 1 < n && s_[i + 1] == '/') { while (i < n && s_[i] != '\n') ++i; }
        else if (c == '/' && i + 1 < n && s_[i + 1] == '*') {
          size_t j = s_.find("*/", i + 2);
          if (j == String::npos) { errh_->lerror(lm(line), "unterminated '/*' comment"); return false; }
          for (size_t k = i; k < j; ++k) if (s_[k] == '\n') next_line(line);
          i = j + 2;
        } else if (c == '#' && (i == 0 || s_[i - 1] == '\n')) {
          directive(i);   // a cpp line directive renames the following lines; other '#' lines are ignored
          while (i < n && s_[i] != '\n') ++i;
        } else break;
      }
      if (i >= n) { out.push_back({T_EOF, "", line}); return true; }
      char c = s_[i];
      int start_line = line;
      if (ident_char(c)) {
        size_t b = i;
        while (i < n && (ident_char(s_[i]) || (s_[i] == '/' && i + 1 < n && ident_char(s_[i + 1]) && i > b))) ++i;
        String w = s_.substr(b, i - b);
        bool digits = w.find_first_not_of("0123456789") == String::npos;
        out.push_back({digits ? T_NUMBER : T_IDENT, w, line});
      } else if (c == '$') {
        size_t b = i++;
        if (i < n && s_[i] == '{') {
          size_t j = s_.find('}', i);
          if (j == String::npos) { errh_->lerror(lm(line), "unterminated '${'"); return false; }
          i = j + 1;
        } else
          while (i < n && (isalnum((unsigned char)s_[i]) || s_[i] == '_')) ++i;
        out.push_back({T_VAR, s_.substr(b, i - b), line});
      } else if (c == '(') {
        // configuration string: balanced parentheses; quotes and comments skipped;
        // cpp line directives are taken out (their newline stays)
        size_t b = ++i;
        int depth = 1;
        String cfg;
        size_t chunk = b;
        while (i < n && depth > 0) {
          char d = s_[i];
          if (d == '#' && s_[i - 1] == '\n') {
            int ln;
            String fn;
            if (parse_line_directive(s_, i, ln, fn)) {
              cfg += s_.substr(chunk, i - chunk);
              directive(i);
              while (i < n && s_[i] != '\n') ++i;
              chunk = i;
              continue;
            }
          }
          if (d == '\n') { next_line(line); ++i; }
          else if (d == '"' || d == '\'') {
            size_t j = i + 1;
            while (j < n && s_[j] != d) { if (d == '"' && s_[j] == '\\' && j + 1 < n) { if (s_[j + 1] == '\n') next_line(line); ++j; } if (s_[j] == '\n') next_line(line); ++j; }
            if (j >= n) { errh_->lerror(lm(start_line), "unterminated quoted string in configuration string"); return false; }
            i = j + 1;
          } else if (d == '/' && i + 1 < n && s_[i + 1] == '/') { while (i < n && s_[i] != '\n') ++i; }
          else if (d == '/' && i + 1 < n && s_[i + 1] == '*') {
            size_t j = s_.find("*/", i + 2);
            if (j == String::npos) { errh_->lerror(lm(line), "unterminated '/*' comment"); return false; }
            for (size_t k = i; k < j; ++k) if (s_[k] == '\n') next_line(line);
            i = j + 2;
          } else { if (d == '(') ++depth; else if (d == ')') --depth; ++i; }
        }
        if (depth > 0) { errh_->lerror(lm(start_line), "unterminated configuration string: unbalanced '('"); return false; }
        cfg += s_.substr(chunk, i - 1 - chunk);
        out.push_back({T_CONFIG, cfg, start_line});
      } else if (c == ':' && i + 1 < n && s_[i + 1] == ':') { out.push_back({T_COLON2, "::", line}); i += 2; }
      else if (c == '-' && i + 1 < n && s_[i + 1] == '>') { out.push_back({T_ARROW, "->", line}); i += 2; }
      else if (c == '=' && i + 1 < n && s_[i + 1] == '>') { out.push_back({T_ARROW, "=>", line}); i += 2; }
      else if (c == '.' && s_.compare(i, 3, "...") == 0) { out.push_back({T_ELLIPSIS, "...", line}); i += 3; }
      else {
        TokKind k = T_OTHER;
        switch (c) {
          case '[': k = T_LBRACK; break;
          case ']': k = T_RBRACK; break;
          case '{': k = T_LBRACE; break;
          case '}': k = T_RBRACE; break;
          case ',': k = T_COMMA; break;
          case ';': k = T_SEMI; break;
          case '|': k = T_BAR; break;
          case ')': errh_->lerror(lm(line), "unbalanced ')'"); return false;
          case '"': case '\'': errh_->lerror(lm(line), "syntax error: quoted string outside a configuration string"); return false;
          default: break;
        }
        out.push_back({k, String(1, c), line});
        ++i;
      }
    }
  }
  String lm(int line) const { return map_->landmark(line); }

 private:
  const String& s_;
  String file_;
  ErrorHandler* errh_;
  std::shared_ptr<LineMap> map_;
  int first_line_ = 1;
  String cur_file_;
  int cur_real_ = 1;
  // the next physical line: recorded in the map the first time it is seen
  void next_line(int& line) {
    ++line;
    if (size_t(line) >= map_->file.size()) {
      map_->file.push_back(cur_file_);
      map_->real.push_back(++cur_real_);
    } else {
      cur_file_ = map_->file[line];
      cur_real_ = map_->real[line];
    }
  }
  void directive(size_t i) {
    int ln;
    String fn;
    if (!parse_line_directive(s_, i, ln, fn)) return;
    cur_real_ = ln - 1;   // the line after the directive is line `ln`
    if (!fn.empty()) cur_file_ = fn;
  }
};

struct Scope;

// A compound class: body tokens [begin, end) of the file, formals, and the
// scope it was defined in (for lexical class lookup).
struct CompoundDef {
  String name;
  Vector<String> formals;        // "$a"
  Vector<String> formal_keywords;  // "" for positional, else "KEYWORD"
  size_t begin = 0, end = 0;     // body tokens after the formals, indexes into *toks
  std::shared_ptr<const Vector<Token>> toks;
  const Scope* defined_in = nullptr;
  String synonym_of;             // elementclass A B;
  String landmark;
  bool group = false;            // "( ... )" connection group: named elements keep the enclosing names
  int group_ninputs = 0, group_noutputs = 0;   // ports its body uses (a group's "=>" is port by port)
  // Overloads "{ A | ... || B | ... }": tried in order, the first whose formals
  // fit the arguments is used; "|| ..." continues with the class's earlier definition.
  std::shared_ptr<CompoundDef> next;
};

struct LocalElement {
  String name;
  String cls;        // class name as written
  String config;     // raw (unexpanded)
  String landmark;
  bool pseudo = false;  // input/output inside a compound
  // the compound class as defined where this element is declared (a class
  // may be redefined later in the file; earlier elements keep the old one)
  std::shared_ptr<CompoundDef> def = nullptr;
};
struct LocalConn { int from, fport, to, tport; String landmark; };

struct Scope {
  const Scope* parent = nullptr;
  std::map<String, std::shared_ptr<CompoundDef>> classes;
  Vector<LocalElement> elements;
  std::map<String, int> index;
  Vector<LocalConn> conns;
  bool is_compound = false;
  int input_idx = -1, output_idx = -1;
  int anon_base = 0;
  const struct Env* env = nullptr;   // while flattening: the variables this scope's body sees
  const CompoundDef* lookup_class(const String& n) const { return lookup_class_shared(n).get(); }
  std::shared_ptr<CompoundDef> lookup_class_shared(const String& n) const {
    for (const Scope* s = this; s; s = s->parent) {
      auto it = s->classes.find(n);
      if (it != s->classes.end()) return it->second;
    }
    return nullptr;
  }
};

// Variable environment: a chain of frames.
struct Env {
  const Env* parent = nullptr;
  std::map<String, String> vars;  // "$x" -> value
  bool lookup(const String& name, String& v) const {
    for (const Env* e = this; e; e = e->parent) {
      auto it = e->vars.find(name);
      if (it != e->vars.end()) { v = it->second; return true; }
    }
    return false;
  }
};

struct FlatNode {
  String name, cls, config, landmark;
  int tunnel = 0;  // 0 = real, 1 = compound input tunnel, 2 = compound output tunnel
  int nports = 0;  // tunnels: number of ports the compound body uses
};

class Parser {
 public:
  Parser(std::shared_ptr<const Vector<Token>> toks, const String& file, ErrorHandler* errh, std::function<bool(const String&)> is_class)
      : toks_(toks), t_(*toks_), file_(file), errh_(errh), is_class_(std::move(is_class)) {}

  String lm(int line) const { return lines_ ? lines_->landmark(line) : file_ + ":" + std::to_string(line); }

  // Parses statements from pos until '}' (if in_braces) or EOF.
  bool parse_scope(size_t& pos, Scope& sc, bool in_braces, Vector<String>* requirements, Env* global_env) {
    while (true) {
      const Token& tk = t_[pos];
      if (tk.kind == T_EOF) {
        if (in_braces) { errh_->lerror(lm(tk.line), "unterminated compound element: missing '}'"); return false; }
        return true;
      }
      if (tk.kind == T_RBRACE) {
        if (!in_braces) { errh_->lerror(lm(tk.line), "syntax error near '}'"); return false; }
        return true;
      }
      if (tk.kind == T_SEMI || tk.kind == T_COMMA) { ++pos; continue; }
      if (tk.kind == T_IDENT && tk.text == "elementclass") { if (!parse_elementclass(pos, sc)) return false; continue; }
      if (tk.kind == T_IDENT && (tk.text == "require" || tk.text == "provide") && t_[pos + 1].kind == T_CONFIG) {
        if (tk.text == "require" && requirements) {
          Vector<String> args = cp_argvec(t_[pos + 1].text);
          for (auto& a : args) {
            String w = a;
            if (w.compare(0, 8, "package ") == 0) w = cp_trim(w.substr(8));
            w = cp_unquote(w);
            requirements->push_back(w);
            if (!package_known(w)) errh_->lerror(lm(tk.line), "requirement '%s' not available", w.c_str());
          }
        }
        pos += 2;
        continue;
      }
      if (tk.kind == T_IDENT && tk.text == "define" && t_[pos + 1].kind == T_CONFIG) {
        if (!global_env) { errh_->lerror(lm(tk.line), "'define' is only allowed at the top level"); return false; }
        Vector<String> args = cp_argvec(t_[pos + 1].text);
        for (auto& a : args) {
          String rest = a;
          String var = cp_shift_spacevec(rest);
          if (var.size() < 2 || var[0] != '$') { errh_->lerror(lm(tk.line), "bad define: expected '$VARIABLE value'"); continue; }
          String v;
          // command-line definitions take precedence over define() (Click's rule)
          if (!cmdline_.count(var)) global_env->vars[var] = rest;
        }
        pos += 2;
        continue;
      }
      if (!parse_connection(pos, sc)) return false;
    }
  }

  bool parse_elementclass(size_t& pos, Scope& sc) {
    int line = t_[pos].line;
    ++pos;
    if (t_[pos].kind != T_IDENT) { errh_->lerror(lm(line), "expected element class name after 'elementclass'"); return false; }
    auto def = std::make_shared<CompoundDef>();
    def->toks = toks_;
    def->name = t_[pos].text;
    def->landmark = lm(line);
    def->defined_in = &sc;
    ++pos;
    if (t_[pos].kind == T_IDENT) {  // synonym
      def->synonym_of = t_[pos].text;
      ++pos;
      sc.classes[def->name] = def;
      return true;
    }
    if (t_[pos].kind != T_LBRACE) { errh_->lerror(lm(t_[pos].line), "expected '{' after 'elementclass %s'", def->name.c_str()); return false; }
    ++pos;
    std::shared_ptr<CompoundDef> first = def, cur = def;
    while (true) {
      if (t_[pos].kind == T_ELLIPSIS && t_[pos + 1].kind == T_RBRACE) {   // "|| ...": the earlier definition
        if (cur == first) { errh_->lerror(lm(line), "'...' must follow an overload in elementclass '%s'", def->name.c_str()); return false; }
        std::shared_ptr<CompoundDef> earlier = sc.lookup_class_shared(def->name);
        if (!earlier) { errh_->lerror(lm(line), "'...' in elementclass '%s': no earlier definition", def->name.c_str()); return false; }
        cur->next = earlier;
        pos += 2;
        break;
      }
      // formals: [KEYWORD] $a, ... |
      size_t p = pos;
      Vector<String> formals, kws;
      bool has_formals = false;
      while (true) {
        String kw;
        if (t_[p].kind == T_IDENT && t_[p + 1].kind == T_VAR) { kw = t_[p].text; ++p; }
        if (t_[p].kind != T_VAR) break;
        formals.push_back(t_[p].text);
        kws.push_back(kw);
        ++p;
        if (t_[p].kind == T_COMMA) { ++p; continue; }
        if (t_[p].kind == T_BAR) { has_formals = true; ++p; }
        break;
      }
      if (has_formals) { cur->formals = formals; cur->formal_keywords = kws; pos = p; }
      else if (t_[pos].kind == T_BAR && t_[pos + 1].kind != T_BAR) ++pos;  // "{ | ... }" no formals
      cur->begin = pos;
      // the body ends at the matching brace, or at "||" outside inner braces
      int depth = 1;
      bool more = false;
      while (t_[pos].kind != T_EOF) {
        if (t_[pos].kind == T_LBRACE) ++depth;
        else if (t_[pos].kind == T_RBRACE && --depth == 0) break;
        else if (depth == 1 && t_[pos].kind == T_BAR && t_[pos + 1].kind == T_BAR) { more = true; break; }
        ++pos;
      }
      if (t_[pos].kind == T_EOF) { errh_->lerror(lm(line), "unterminated elementclass '%s': missing '}'", def->name.c_str()); return false; }
      cur->end = pos;
      if (!more) { ++pos; break; }
      pos += 2;
      auto o = std::make_shared<CompoundDef>();
      o->toks = toks_;
      o->name = def->name;
      o->landmark = def->landmark;
      o->defined_in = &sc;
      cur->next = o;
      cur = o;
    }
    sc.classes[def->name] = def;
    return true;
  }

  // Click 2.1 connections: groups of endpoints "[ports] element [ports]"
  // separated by commas, joined by "->" (one-to-many / many-to-one) or "=>"
  // (port by port; one side may expand: "[]" or a lone element without
  // ports). Port lists: "[0]", "[0,2]", "[1-3]". In a compound, a connection
  // that starts (ends) with an arrow starts at input (ends at output).
  struct Endpoint { int elem; Vector<int> in, out; bool in_given = false, out_given = false, in_expand = false, out_expand = false; int line; };

  bool parse_connection(size_t& pos, Scope& sc) {
    Vector<Vector<Endpoint>> groups;
    Vector<bool> many;   // per link: "=>"
    Vector<int> link_lines;
    while (true) {
      Vector<Endpoint> g;
      while (true) {
        Endpoint ep;
        ep.line = t_[pos].line;
        if (t_[pos].kind == T_LBRACK) {
          if (!parse_ports(pos, ep.in, ep.in_expand)) return false;
          ep.in_given = true;
        }
        bool implicit = sc.is_compound && ((groups.empty() && g.empty() && t_[pos].kind == T_ARROW) ||
                                           (!groups.empty() && g.empty() && (t_[pos].kind == T_RBRACE || t_[pos].kind == T_SEMI || t_[pos].kind == T_EOF)));
        if (implicit) {
          ep.elem = groups.empty() ? sc.input_idx : sc.output_idx;
          if (groups.empty()) { std::swap(ep.in, ep.out); std::swap(ep.in_given, ep.out_given); std::swap(ep.in_expand, ep.out_expand); }
        }
        else {
          if (groups.empty() && g.empty() && ep.in_given) { errh_->lerror(lm(ep.line), "input port before the first element of a connection"); return false; }
          Vector<int> decl;
          if (!parse_element(pos, sc, ep.elem, decl)) return false;
          if (decl.size() > 1) {
            if (t_[pos].kind == T_ARROW || !groups.empty()) { errh_->lerror(lm(ep.line), "a declaration of several elements cannot be part of a connection"); return false; }
            return true;
          }
          if (t_[pos].kind == T_LBRACK) {
            if (!parse_ports(pos, ep.out, ep.out_expand)) return false;
            ep.out_given = true;
          }
        }
        g.push_back(ep);
        if (t_[pos].kind == T_COMMA && (groups.size() || t_[pos + 2].kind != T_COLON2) &&
            (t_[pos + 1].kind == T_IDENT || t_[pos + 1].kind == T_LBRACK || t_[pos + 1].kind == T_LBRACE)) { ++pos; continue; }
        break;
      }
      groups.push_back(g);
      if (t_[pos].kind == T_ARROW) {
        many.push_back(t_[pos].text == "=>");
        link_lines.push_back(t_[pos].line);
        ++pos;
        continue;
      }
      break;
    }
    const Token& tk = t_[pos];
    if (!(tk.kind == T_SEMI || tk.kind == T_EOF || tk.kind == T_RBRACE || tk.kind == T_IDENT || tk.kind == T_COMMA || tk.kind == T_LBRACE)) {
      if (tk.kind == T_LBRACK) errh_->lerror(lm(tk.line), "syntax error: port '[' without '->'");
      else errh_->lerror(lm(tk.line), "syntax error near '%s'", tk.text.c_str());
      return false;
    }
    // A port mismatch is reported and parsing goes on, so every bad
    // connection of the file is named (Click does the same).
    for (size_t k = 0; k + 1 < groups.size(); ++k)
      if (!connect_groups(sc, groups[k], groups[k + 1], many[k], link_lines[k])) break;
    return true;
  }

  bool connect_groups(Scope& sc, const Vector<Endpoint>& L, const Vector<Endpoint>& R, bool many, int line) {
    // (element, port) lists; an expandable side is filled in from the other
    Vector<std::pair<int, int>> outs, ins;
    bool lexp = false, rexp = false;
    int lexp_elem = -1, rexp_elem = -1, lexp_at = 0, rexp_at = 0;
    auto group_ports = [&](int elem, bool outputs) -> int {
      const CompoundDef* d = sc.elements[elem].def ? sc.elements[elem].def.get() : sc.lookup_class(sc.elements[elem].cls);
      return d && d->group ? (outputs ? d->group_noutputs : d->group_ninputs) : 0;
    };
    for (auto& e : L) {
      if (many && !e.out_given && !e.out_expand && group_ports(e.elem, true) > 0) {
        for (int p = 0; p < group_ports(e.elem, true); ++p) outs.push_back({e.elem, p});
        continue;
      }
      if (e.out_expand || (many && L.size() == 1 && !e.out_given)) { lexp = true; lexp_elem = e.elem; lexp_at = int(outs.size()); continue; }
      if (e.out_given) for (int p : e.out) outs.push_back({e.elem, p}); else outs.push_back({e.elem, 0});
    }
    for (auto& e : R) {
      if (many && !e.in_given && !e.in_expand && group_ports(e.elem, false) > 0) {
        for (int p = 0; p < group_ports(e.elem, false); ++p) ins.push_back({e.elem, p});
        continue;
      }
      if (e.in_expand || (many && R.size() == 1 && !e.in_given)) { rexp = true; rexp_elem = e.elem; rexp_at = int(ins.size()); continue; }
      if (e.in_given) for (int p : e.in) ins.push_back({e.elem, p}); else ins.push_back({e.elem, 0});
    }
    if (lexp && rexp) { errh_->lerror(lm(line), "at most one expandable port allowed per connection"); return false; }
    if (lexp) { Vector<std::pair<int, int>> x; for (size_t i = 0; i < ins.size() - std::min(ins.size(), outs.size()) ; ++i) x.push_back({lexp_elem, int(i)}); outs.insert(outs.begin() + lexp_at, x.begin(), x.end()); }
    if (rexp) { Vector<std::pair<int, int>> x; for (size_t i = 0; i < outs.size() - std::min(outs.size(), ins.size()); ++i) x.push_back({rexp_elem, int(i)}); ins.insert(ins.begin() + rexp_at, x.begin(), x.end()); }
    if (many) {
      if (outs.size() != ins.size()) {
        errh_->lerror(lm(line), "connection mismatch: %d %s connected to %d %s", int(outs.size()), outs.size() == 1 ? "output" : "outputs",
                      int(ins.size()), ins.size() == 1 ? "input" : "inputs");
        return false;
      }
      for (size_t i = 0; i < outs.size(); ++i) sc.conns.push_back({outs[i].first, outs[i].second, ins[i].first, ins[i].second, lm(line)});
      return true;
    }
    if (outs.size() > 1 && ins.size() > 1) { errh_->lerror(lm(line), "syntax error: many-to-many connections require '=>'"); return false; }
    for (auto& o : outs) for (auto& i : ins) sc.conns.push_back({o.first, o.second, i.first, i.second, lm(line)});
    return true;
  }

  bool parse_ports(size_t& pos, Vector<int>& ports, bool& expand) {
    int line = t_[pos].line;
    ++pos;
    if (t_[pos].kind == T_RBRACK) { ++pos; expand = true; return true; }
    while (true) {
      if (t_[pos].kind != T_NUMBER) { errh_->lerror(lm(line), "syntax error: expected port number after '['"); return false; }
      int a = atoi(t_[pos].text.c_str());
      ++pos;
      int b = a;
      if (t_[pos].kind == T_OTHER && t_[pos].text == "-" && t_[pos + 1].kind == T_NUMBER) { b = atoi(t_[pos + 1].text.c_str()); pos += 2; }
      for (int p = a; p <= b; ++p) ports.push_back(p);
      if (t_[pos].kind == T_COMMA) { ++pos; continue; }
      break;
    }
    if (t_[pos].kind != T_RBRACK) { errh_->lerror(lm(line), "syntax error: expected ']'"); return false; }
    ++pos;
    return true;
  }

  bool parse_port(size_t& pos, int& port) {
    Vector<int> ports;
    bool expand = false;
    if (!parse_ports(pos, ports, expand)) return false;
    port = ports.empty() ? 0 : ports[0];
    return true;
  }

  bool class_exists(const Scope& sc, const String& name) const {
    return sc.lookup_class(name) || is_class_(name);
  }

  String anon_name(Scope& sc, const String& cls) {
    int n = int(sc.elements.size()) - sc.anon_base + 1;
    String name = cls + "@" + std::to_string(n);
    while (sc.index.count(name)) name += "_";
    return name;
  }

  int add_element(Scope& sc, const String& name, const String& cls, const String& config, int line) {
    int idx = int(sc.elements.size());
    sc.elements.push_back({name, cls, config, lm(line), false, sc.lookup_class_shared(cls)});
    sc.index[name] = idx;
    return idx;
  }

  bool parse_element(size_t& pos, Scope& sc, int& out, Vector<int>& decl) {
    const Token& tk = t_[pos];
    int line = tk.line;
    if (tk.kind == T_LBRACE) {
      // anonymous compound: { body }
      auto def = std::make_shared<CompoundDef>();
      def->toks = toks_;
      def->name = "@Compound" + std::to_string(++anon_compounds_);
      def->landmark = lm(line);
      def->defined_in = &sc;
      size_t p = pos;  // reuse elementclass parsing by faking
      ++pos;
      if (t_[pos].kind == T_BAR) ++pos;
      def->begin = pos;
      int depth = 1;
      while (t_[pos].kind != T_EOF) {
        if (t_[pos].kind == T_LBRACE) ++depth;
        else if (t_[pos].kind == T_RBRACE && --depth == 0) break;
        ++pos;
      }
      (void)p;
      if (t_[pos].kind == T_EOF) { errh_->lerror(lm(line), "unterminated compound element: missing '}'"); return false; }
      def->end = pos;
      ++pos;
      sc.classes[def->name] = def;
      out = add_element(sc, anon_name(sc, "Compound"), def->name, "", line);
      decl.push_back(out);
      return true;
    }
    if (tk.kind == T_CONFIG) {
      // Click 2.1 connection group "( [0] -> a -> [0]; [1] -> [1] )": an
      // anonymous compound whose named elements belong to the enclosing scope
      auto body = std::make_shared<Vector<Token>>();
      Tokenizer tz(tk.text, file_, errh_, lines_ ? lines_ : std::make_shared<LineMap>(), line);
      if (!tz.run(*body)) return false;
      auto def = std::make_shared<CompoundDef>();
      def->toks = body;
      def->begin = 0;
      def->end = body->size() - 1;   // before its T_EOF
      def->name = "@Group" + std::to_string(++anon_compounds_);
      def->landmark = lm(line);
      def->defined_in = &sc;
      def->group = true;
      {  // count the ports the body uses, so "x => ( ... )" can pair them
        Scope probe;
        probe.parent = &sc;
        probe.is_compound = true;
        probe.elements.push_back({"input", "", "", lm(line), true});
        probe.elements.push_back({"output", "", "", lm(line), true});
        probe.input_idx = 0;
        probe.output_idx = 1;
        probe.anon_base = 2;
        Parser sub(body, file_, ErrorHandler::silent_handler(), is_class_);
        sub.lines_ = lines_;
        size_t bp = 0;
        if (sub.parse_scope(bp, probe, false, nullptr, nullptr))
          for (const LocalConn& c : probe.conns) {
            if (c.from == probe.input_idx) def->group_ninputs = std::max(def->group_ninputs, c.fport + 1);
            if (c.to == probe.output_idx) def->group_noutputs = std::max(def->group_noutputs, c.tport + 1);
          }
      }
      ++pos;
      sc.classes[def->name] = def;
      out = add_element(sc, anon_name(sc, "Group"), def->name, "", line);
      decl.push_back(out);
      return true;
    }
    if (tk.kind != T_IDENT) {
      if (tk.kind == T_EOF) errh_->lerror(lm(line), "syntax error: unexpected end of file");
      else errh_->lerror(lm(line), "syntax error near '%s'", tk.text.c_str());
      return false;
    }
    // declaration list: a, b :: C(config)
    Vector<std::pair<String, int>> names{{tk.text, line}};
    size_t p = pos + 1;
    while (t_[p].kind == T_COMMA && t_[p + 1].kind == T_IDENT) {
      size_t q = p + 2;
      names.push_back({t_[p + 1].text, t_[p + 1].line});
      p = q;
      if (t_[p].kind == T_COLON2) break;
      if (t_[p].kind != T_COMMA) { names.resize(1); p = pos + 1; break; }
    }
    if (t_[p].kind == T_COLON2) {
      pos = p + 1;
      String cls, config;
      int cline = t_[pos].line;
      if (t_[pos].kind == T_IDENT) {
        cls = t_[pos].text;
        ++pos;
      } else if (t_[pos].kind == T_LBRACE) {
        // name :: { compound }
        int tmp;
        Vector<int> d2;
        if (!parse_element(pos, sc, tmp, d2)) return false;
        cls = sc.elements[tmp].cls;
        sc.index.erase(sc.elements[tmp].name);
        sc.elements.pop_back();
      } else {
        errh_->lerror(lm(cline), "syntax error: expected element class after '::'");
        return false;
      }
      if (t_[pos].kind == T_CONFIG) { config = t_[pos].text; ++pos; }
      if (!class_exists(sc, cls)) { errh_->lerror(lm(cline), "unknown element class '%s'", cls.c_str()); return false; }
      for (auto& nm : names) {
        const String& n = nm.first;
        if (sc.is_compound && (n == "input" || n == "output")) { errh_->lerror(lm(nm.second), "'%s' is a reserved name in compound elements", n.c_str()); return false; }
        auto it = sc.index.find(n);
        if (it != sc.index.end()) {
          errh_->lerror(lm(nm.second), "redeclaration of element '%s'", n.c_str());
          errh_->lerror(sc.elements[it->second].landmark, "element '%s' previously declared here", n.c_str());
          return false;
        }
        if (class_exists(sc, n)) { errh_->lerror(lm(nm.second), "class '%s' used as element name", n.c_str()); return false; }
        out = add_element(sc, n, cls, config, nm.second);
        decl.push_back(out);
      }
      return true;
    }
    // single identifier: existing element, or anonymous element of a class
    String name = tk.text;
    ++pos;
    if (t_[pos].kind != T_CONFIG) {
      auto it = sc.index.find(name);
      if (it != sc.index.end()) { out = it->second; return true; }
      if (sc.is_compound && (name == "input" || name == "output")) {
        out = (name == "input") ? sc.input_idx : sc.output_idx;
        return true;
      }
    }
    String config;
    if (t_[pos].kind == T_CONFIG) { config = t_[pos].text; ++pos; }
    if (!class_exists(sc, name)) {
      errh_->lerror(lm(line), "unknown element class '%s'", name.c_str());
      return false;
    }
    out = add_element(sc, anon_name(sc, name), name, config, line);
    decl.push_back(out);
    return true;
  }

  // ---------------------------------------------------------- expansion

  bool expand_config(const String& in, const Env& env, const String& landmark, String& out) {
    out.clear();
    size_t i = 0;
    while (i < in.size()) {
      char c = in[i];
      if (c == '\'') {  // no expansion inside single quotes
        size_t j = in.find('\'', i + 1);
        if (j == String::npos) j = in.size() - 1;
        out.append(in, i, j - i + 1);
        i = j + 1;
      } else if (c == '\\' && i + 1 < in.size()) {
        out.append(in, i, 2);
        i += 2;
      } else if (c == '/' && i + 1 < in.size() && (in[i + 1] == '/' || in[i + 1] == '*')) {
        size_t j = (in[i + 1] == '/') ? in.find('\n', i) : in.find("*/", i + 2);
        j = (j == String::npos) ? in.size() : (in[i + 1] == '*' ? j + 2 : j);
        out.append(in, i, j - i);
        i = j;
      } else if (c == '$' && i + 1 < in.size() && (in[i + 1] == '{' || isalpha((unsigned char)in[i + 1]) || in[i + 1] == '_')) {
        String var;
        size_t j;
        if (in[i + 1] == '{') {
          j = in.find('}', i + 2);
          if (j == String::npos) { errh_->lerror(landmark, "unterminated '${' in configuration string"); return false; }
          var = "$" + in.substr(i + 2, j - i - 2);
          ++j;
        } else {
          j = i + 1;
          while (j < in.size() && (isalnum((unsigned char)in[j]) || in[j] == '_')) ++j;
          var = in.substr(i, j - i);
        }
        String v;
        // "${a[N]}" (N a number or a variable): word N of $a, empty past the end, as Click
        size_t lb = var.find('[');
        if (in[i + 1] == '{' && lb != String::npos && var.back() == ']') {
          String idx = var.substr(lb + 1, var.size() - lb - 2), base = var.substr(0, lb), iv;
          if (!idx.empty() && idx[0] == '$' && env.lookup(idx, iv)) idx = iv;
          char* end;
          long k = strtol(idx.c_str(), &end, 10);
          if (!idx.empty() && !*end && env.lookup(base, v)) {
            Vector<String> words;
            cp_spacevec(v, words);
            if (k >= 0 && size_t(k) < words.size()) out += words[k];
            i = j;
            continue;
          }
        }
        // Like Click, an undefined variable stays as written: Script and
        // the element itself give it meaning (or report it).
        if (env.lookup(var, v)) out += v;
        else out.append(in, i, j - i);
        i = j;
      } else {
        out.push_back(c);
        ++i;
      }
    }
    return true;
  }

  // Flattens a scope into nodes/conns. Returns false on error.
  // scope element i -> node index map.
  bool flatten(const Scope& sc, const String& prefix, const Env& env, int depth, int in_tunnel, int out_tunnel) {
    if (depth > 50) { errh_->lerror(sc.elements.empty() ? file_ : sc.elements[0].landmark, "compound elements nested too deeply (recursive elementclass?)"); return false; }
    Vector<int> node_of(sc.elements.size(), -1);
    for (size_t i = 0; i < sc.elements.size(); ++i) {
      const LocalElement& le = sc.elements[i];
      if (le.pseudo) { node_of[i] = (le.name == "input") ? in_tunnel : out_tunnel; continue; }
      String config;
      if (!expand_config(le.config, env, le.landmark, config)) return false;
      const CompoundDef* def = le.def ? le.def.get() : sc.lookup_class(le.cls);
      // follow synonyms
      String cls = le.cls;
      int guard = 0;
      while (def && !def->synonym_of.empty() && guard++ < 20) {
        cls = def->synonym_of;
        def = def->defined_in->lookup_class(cls);
      }
      // in a connection group, anonymous elements are named after the group
      const String& eprefix = !group_anon_prefix_.empty() && le.name.find('@') != String::npos ? group_anon_prefix_ : prefix;
      if (!def) {
        if (!is_class_(cls)) { errh_->lerror(le.landmark, "unknown element class '%s'", cls.c_str()); return false; }
        node_of[i] = int(nodes_.size());
        nodes_.push_back({eprefix + le.name, cls, config, le.landmark, 0, 0});
        continue;
      }
      // compound instance
      String iname = eprefix + le.name;
      int tin = int(nodes_.size());
      nodes_.push_back({iname + "/input", "", "", le.landmark, 1, 0});
      int tout = int(nodes_.size());
      nodes_.push_back({iname + "/output", "", "", le.landmark, 2, 0});
      node_of[i] = tin;  // connections decide which tunnel by direction
      tunnel_pair_[tin] = tout;
      // formals are scoped lexically, as Click: a class defined inside a
      // compound sees that compound's arguments, not its instantiator's
      Env cenv;
      cenv.parent = def->defined_in && def->defined_in->env ? def->defined_in->env : &env;
      Vector<String> args = cp_argvec(config);
      for (const CompoundDef* o = def; o; o = o->next.get())
        if (fits(*o, args)) { def = o; break; }
      if (!bind_formals(*def, args, cenv, le.landmark, iname)) return false;
      Scope inner;
      inner.parent = def->defined_in;
      inner.is_compound = true;
      inner.elements.push_back({"input", "", "", le.landmark, true});
      inner.elements.push_back({"output", "", "", le.landmark, true});
      inner.input_idx = 0;
      inner.output_idx = 1;
      inner.anon_base = 2;
      inner.env = &cenv;
      size_t p = def->begin;
      const Vector<Token>& dt = *def->toks;
      auto body = std::make_shared<Vector<Token>>(dt.begin() + def->begin, dt.begin() + def->end);
      body->push_back({T_EOF, "", def->end < dt.size() ? dt[def->end].line : 0});
      Parser sub(body, file_, errh_, is_class_);
      sub.lines_ = lines_;
      sub.anon_compounds_ = anon_compounds_ + 1000;
      if (def->group) sub.group_anon_prefix_ = iname + "/";
      size_t bp = 0;
      (void)p;
      if (!sub.parse_scope(bp, inner, false, nullptr, nullptr)) return false;
      // compound classes defined in the body live in `inner`; tokens are
      // indexes into `body`, so let the sub-parser flatten.
      sub.nodes_.swap(nodes_);
      sub.conns_.swap(conns_);
      sub.tunnel_pair_.swap(tunnel_pair_);
      bool ok = sub.flatten(inner, def->group ? prefix : iname + "/", cenv, depth + 1, tin, tout);
      sub.nodes_.swap(nodes_);
      sub.conns_.swap(conns_);
      sub.tunnel_pair_.swap(tunnel_pair_);
      if (!ok) return false;
    }
    for (const LocalConn& c : sc.conns) {
      int from = node_of[c.from], to = node_of[c.to];
      // a compound used as a source connects from its output tunnel
      if (!sc.elements[c.from].pseudo && nodes_[from].tunnel == 1 && tunnel_pair_.count(from)) from = tunnel_pair_[from];
      if (sc.is_compound && c.to == sc.input_idx) { errh_->lerror(c.landmark, "'input' pseudoelement used as a destination"); return false; }
      if (sc.is_compound && c.from == sc.output_idx) { errh_->lerror(c.landmark, "'output' pseudoelement used as a source"); return false; }
      conns_.push_back({from, c.fport, to, c.tport, c.landmark});
    }
    return true;
  }

  static bool has_keyword(const String& arg, const String& kw) {
    return arg.compare(0, kw.size(), kw) == 0 && arg.size() > kw.size() && isspace((unsigned char)arg[kw.size()]);
  }
  // Whether an overload's formals take these arguments: every keyword formal
  // present, as many positional arguments as positional formals (or more,
  // with a __REST__ formal).
  static bool fits(const CompoundDef& def, const Vector<String>& args) {
    size_t npos = 0, nkw = 0;
    bool rest = false;
    for (size_t f = 0; f < def.formals.size(); ++f) {
      const String& kw = def.formal_keywords[f];
      if (kw == "__REST__") { rest = true; continue; }
      if (kw.empty()) { ++npos; continue; }
      bool found = false;
      for (auto& a : args) if (has_keyword(a, kw)) { found = true; ++nkw; }
      if (!found) return false;
    }
    size_t left = args.size() - nkw;
    return rest ? left >= npos : left == npos;
  }

  bool bind_formals(const CompoundDef& def, const Vector<String>& args, Env& cenv, const String& landmark, const String& iname) {
    size_t npos = 0;
    String rest_var;
    for (size_t f = 0; f < def.formals.size(); ++f) {
      if (def.formal_keywords[f].empty()) ++npos;
      else if (def.formal_keywords[f] == "__REST__") rest_var = def.formals[f];
    }
    Vector<bool> used(args.size(), false);
    // keyword formals
    for (size_t f = 0; f < def.formals.size(); ++f) {
      if (def.formal_keywords[f].empty() || def.formal_keywords[f] == "__REST__") continue;
      const String& kw = def.formal_keywords[f];
      for (size_t a = 0; a < args.size(); ++a) {
        if (args[a].compare(0, kw.size(), kw) == 0 && args[a].size() > kw.size() && isspace((unsigned char)args[a][kw.size()])) {
          cenv.vars[def.formals[f]] = cp_trim(args[a].substr(kw.size()));
          used[a] = true;
        }
      }
      if (!cenv.vars.count(def.formals[f])) {
        errh_->lerror(landmark, "While configuring '%s :: %s':\n  %s: required argument missing", iname.c_str(), def.name.c_str(), kw.c_str());
        return false;
      }
    }
    Vector<String> pos_args;
    for (size_t a = 0; a < args.size(); ++a) if (!used[a]) pos_args.push_back(args[a]);
    if (!rest_var.empty() && pos_args.size() >= npos) {   // __REST__ $x: the arguments after the positional ones
      String r;
      for (size_t a = npos; a < pos_args.size(); ++a) r += (a > npos ? ", " : "") + pos_args[a];
      cenv.vars[rest_var] = r;
      pos_args.resize(npos);
    }
    if (pos_args.size() != npos) {
      errh_->lerror(landmark, "wrong number of arguments to compound element '%s :: %s': expected %zu, got %zu",
                    iname.c_str(), def.name.c_str(), npos, pos_args.size());
      return false;
    }
    size_t k = 0;
    for (size_t f = 0; f < def.formals.size(); ++f)
      if (def.formal_keywords[f].empty()) cenv.vars[def.formals[f]] = pos_args[k++];
    return true;
  }

  // Contracts tunnels; checks compound port ranges.
  bool finish(FlatConfig& out) {
    // port counts of tunnels: ports used by the body
    // in-tunnel: used as source inside (fport) ; out-tunnel: used as destination inside (tport)
    std::map<int, Vector<std::pair<int, int>>> from_tunnel;  // (tunnel node, port) keyed below
    std::map<std::pair<int, int>, Vector<std::pair<int, int>>> succ;  // tunnel (node,port) -> destinations
    std::map<int, int> nports;
    // A tunnel node appears as destination (from outside into "input", or from
    // inside into "output") and as source (inside from "input", outside from "output").
    for (auto& c : conns_) {
      if (nodes_[c.from].tunnel) {
        succ[{c.from, c.fport}].push_back({c.to, c.tport});
        nports[c.from] = std::max(nports[c.from], c.fport + 1);
      }
    }
    for (auto& c : conns_) {
      if (nodes_[c.to].tunnel == 2) nports[c.to] = std::max(nports[c.to], c.tport + 1);
    }
    bool ok = true;
    // range check: outside connections into an input tunnel, out of an output tunnel
    for (auto& c : conns_) {
      if (nodes_[c.to].tunnel == 1 && c.tport >= nports[c.to]) {
        String cname = nodes_[c.to].name.substr(0, nodes_[c.to].name.size() - 6);
        errh_->lerror(c.landmark, "'%s' has no input %d", cname.c_str(), c.tport);
        ok = false;
      }
      if (nodes_[c.from].tunnel == 2 && c.fport >= nports[c.from] && !succ_has_inner(c)) {
        // output tunnel ports are defined by inner connections *into* output
      }
    }
    for (auto& c : conns_) {
      if (nodes_[c.from].tunnel == 2) {
        // count inner uses (connections whose destination is this tunnel)
        if (!inner_output_used(c.from, c.fport)) {
          String cname = nodes_[c.from].name.substr(0, nodes_[c.from].name.size() - 7);
          errh_->lerror(c.landmark, "'%s' has no output %d", cname.c_str(), c.fport);
          ok = false;
        }
      }
    }
    if (!ok) return false;
    // renumber real nodes
    Vector<int> real(nodes_.size(), -1);
    for (size_t i = 0; i < nodes_.size(); ++i)
      if (!nodes_[i].tunnel) {
        real[i] = int(out.elements.size());
        out.elements.push_back({nodes_[i].name, nodes_[i].cls, nodes_[i].config, nodes_[i].landmark});
      }
    std::set<std::tuple<int, int, int, int>> seen;
    for (auto& c : conns_) {
      if (nodes_[c.from].tunnel) continue;
      Vector<std::pair<int, int>> dests;
      expand_dest(c.to, c.tport, dests, 0);
      for (auto& d : dests) {
        auto key = std::make_tuple(real[c.from], c.fport, real[d.first], d.second);
        if (seen.count(key)) continue;
        seen.insert(key);
        out.connections.push_back({real[c.from], c.fport, real[d.first], d.second, c.landmark});
      }
    }
    return true;
  }

  bool succ_has_inner(const FlatConnection&) { return true; }
  bool succ_has_inner(const LocalConn&) { return true; }
  template <typename C> bool succ_has_inner(const C&) { return true; }

  bool inner_output_used(int tunnel, int port) {
    for (auto& c : conns_) if (c.to == tunnel && c.tport == port) return true;
    return false;
  }

  void expand_dest(int node, int port, Vector<std::pair<int, int>>& out, int depth) {
    if (depth > 100) return;
    if (!nodes_[node].tunnel) { out.push_back({node, port}); return; }
    // entering a tunnel at (node, port): continue from connections leaving (node, port)
    for (auto& c : conns_)
      if (c.from == node && c.fport == port) expand_dest(c.to, c.tport, out, depth + 1);
  }

  static bool package_known(const String& p) {
    static const char* known[] = {"netserv", "userlevel", "standard", "ip", "ethernet", "icmp", "tcpudp", "linuxmodule-compat", nullptr};
    for (int i = 0; known[i]; ++i) if (p == known[i]) return true;
    return false;
  }

  std::shared_ptr<const Vector<Token>> toks_;
  String group_anon_prefix_;   // flattening a connection group: its anonymous elements' prefix
  std::shared_ptr<LineMap> lines_;   // virtual line -> file:line
  const Vector<Token>& t_;
  String file_;
  ErrorHandler* errh_;
  std::function<bool(const String&)> is_class_;
  int anon_compounds_ = 0;
  Vector<FlatNode> nodes_;
  struct Conn { int from, fport, to, tport; String landmark; };
  Vector<Conn> conns_;
  std::map<int, int> tunnel_pair_;
  std::set<String> cmdline_;
  friend int netserv::parse_click_config(const String&, const String&, const std::map<String, String>&, FlatConfig&, ErrorHandler*, std::function<bool(const String&)>);
};

}  // namespace

int parse_click_config(const String& text, const String& filename, const std::map<String, String>& defines,
                       FlatConfig& out, ErrorHandler* errh, std::function<bool(const String&)> is_class) {
  if (!is_class) is_class = [](const String& n) { return find_element_class(n) != nullptr; };
  int before = errh->nerrors();
  auto toks = std::make_shared<Vector<Token>>();
  Tokenizer tz(text, filename, errh);
  if (!tz.run(*toks)) return -EINVAL;
  Parser p(toks, filename, errh, is_class);
  p.lines_ = tz.lines();
  Env genv;
  for (auto& d : defines) {
    String k = d.first[0] == '$' ? d.first : "$" + d.first;
    genv.vars[k] = d.second;
    p.cmdline_.insert(k);
  }
  Scope top;
  size_t pos = 0;
  if (!p.parse_scope(pos, top, false, &out.requirements, &genv)) return -EINVAL;
  if (errh->nerrors() != before) return -EINVAL;
  top.env = &genv;
  if (!p.flatten(top, "", genv, 0, -1, -1)) return -EINVAL;
  if (!p.finish(out)) return -EINVAL;
  return errh->nerrors() == before ? 0 : -EINVAL;
}

// Click's flat form: declarations, a blank line, then connections drawn as
// chains. A connection X -> [0] Y continues into Y's first connection from
// output 0 when it is Y's first connection into input 0; port numbers 0 are
// left out ("a [1] -> b", "p -> [1] c"), continuation lines start "    -> ".
String unparse_flat_config(const FlatConfig& fc) {
  String s;
  for (auto& e : fc.elements) {
    s += e.name + " :: " + e.class_name;
    if (!e.config.empty()) s += "(" + e.config + ")";
    s += ";\n";
  }
  size_t n = fc.connections.size(), ne = fc.elements.size();
  Vector<int> first_in(ne, -1), first_out(ne, -1);
  for (size_t i = 0; i < n; ++i) {
    const FlatConnection& c = fc.connections[i];
    if (c.to_port == 0 && first_in[c.to] < 0) first_in[c.to] = int(i);
    if (c.from_port == 0 && first_out[c.from] < 0) first_out[c.from] = int(i);
  }
  // next[i]: the connection drawn after i in its chain (-1: the chain ends)
  Vector<int> next(n, -1);
  Vector<bool> continued(n, false);
  for (size_t i = 0; i < n; ++i) {
    const FlatConnection& c = fc.connections[i];
    if (c.to_port != 0 || first_in[c.to] != int(i)) continue;
    int j = first_out[c.to];
    if (j < 0 || j == int(i)) continue;
    next[i] = j;
    continued[j] = true;
  }
  if (ne && n) s += "\n";
  Vector<bool> done(n, false);
  auto draw = [&](size_t start) {
    const FlatConnection& c0 = fc.connections[start];
    s += fc.elements[c0.from].name;
    if (c0.from_port) s += " [" + std::to_string(c0.from_port) + "]";
    bool first = true;
    for (int i = int(start); i >= 0 && !done[i]; i = next[i]) {
      done[i] = true;
      const FlatConnection& c = fc.connections[i];
      s += first ? " -> " : "\n    -> ";
      first = false;
      if (c.to_port) s += "[" + std::to_string(c.to_port) + "] ";
      s += fc.elements[c.to].name;
    }
    s += ";\n";
  };
  for (size_t i = 0; i < n; ++i) if (!continued[i] && !done[i]) draw(i);
  for (size_t i = 0; i < n; ++i) if (!done[i]) draw(i);   // cycles of continuations
  return s;
}

CLICK_ENDDECLS
