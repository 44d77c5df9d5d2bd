// Configuration-string helpers with Click's semantics (lib/confparse.cc).
#include <click/confparse.hh>
#include <cctype>
CLICK_DECLS

static inline bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

String cp_trim(const String& s) {
  size_t b = 0, e = s.size();
  while (b < e && is_space(s[b])) ++b;
  while (e > b && is_space(s[e - 1])) --e;
  return s.substr(b, e - b);
}

// Skips a quoted string starting at s[i] (a quote); returns index after it.
static size_t skip_quote(const String& s, size_t i) {
  char q = s[i++];
  while (i < s.size()) {
    if (q == '"' && s[i] == '\\' && i + 1 < s.size()) { i += 2; continue; }
    if (s[i] == q) return i + 1;
    ++i;
  }
  return i;
}

String cp_uncomment(const String& s) {
  String out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    if (c == '"' || c == '\'') {
      size_t j = skip_quote(s, i);
      out.append(s, i, j - i);
      i = j;
    } else if (c == '/' && i + 1 < s.size() && s[i + 1] == '/') {
      while (i < s.size() && s[i] != '\n' && s[i] != '\r') ++i;
      out.push_back(' ');
    } else if (c == '/' && i + 1 < s.size() && s[i + 1] == '*') {
      size_t j = s.find("*/", i + 2);
      i = (j == String::npos ? s.size() : j + 2);
      out.push_back(' ');
    } else {
      out.push_back(c);
      ++i;
    }
  }
  // Click collapses the whitespace runs that comments leave behind only at the ends.
  return cp_trim(out);
}

void cp_argvec(const String& s, Vector<String>& out) {
  size_t i = 0, start = 0;
  int depth = 0;
  Vector<String> parts;
  while (i < s.size()) {
    char c = s[i];
    if (c == '"' || c == '\'') { i = skip_quote(s, i); continue; }
    if (c == '/' && i + 1 < s.size() && s[i + 1] == '/') { while (i < s.size() && s[i] != '\n') ++i; continue; }
    if (c == '/' && i + 1 < s.size() && s[i + 1] == '*') { size_t j = s.find("*/", i + 2); i = (j == String::npos ? s.size() : j + 2); continue; }
    if (c == '(' || c == '[' || c == '{') ++depth;
    else if ((c == ')' || c == ']' || c == '}') && depth > 0) --depth;
    else if (c == ',' && depth == 0) { parts.push_back(s.substr(start, i - start)); start = i + 1; }
    ++i;
  }
  parts.push_back(s.substr(start));
  if (parts.size() == 1 && cp_uncomment(parts[0]).empty()) return;
  for (auto& p : parts) out.push_back(cp_uncomment(p));
}

Vector<String> cp_argvec(const String& s) { Vector<String> v; cp_argvec(s, v); return v; }

String cp_unargvec(const Vector<String>& v) {
  String out;
  for (size_t i = 0; i < v.size(); ++i) { if (i) out += ", "; out += v[i]; }
  return out;
}

void cp_spacevec(const String& s0, Vector<String>& out) {
  String s = s0;
  while (true) {
    String w = cp_shift_spacevec(s);
    if (w.empty() && s.empty()) break;
    out.push_back(w);
  }
}

String cp_shift_spacevec(String& s) {
  size_t i = 0;
  while (i < s.size() && is_space(s[i])) ++i;
  size_t b = i;
  while (i < s.size() && !is_space(s[i])) {
    if (s[i] == '"' || s[i] == '\'') i = skip_quote(s, i); else ++i;
  }
  String w = s.substr(b, i - b);
  while (i < s.size() && is_space(s[i])) ++i;
  s = s.substr(i);
  return w;
}

static int hexval(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

String cp_unquote(const String& in) {
  String s = cp_uncomment(in);
  String out;
  size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    if (c == '\'') {
      size_t j = i + 1;
      while (j < s.size() && s[j] != '\'') out.push_back(s[j++]);
      i = j + 1;
    } else if (c == '"') {
      size_t j = i + 1;
      while (j < s.size() && s[j] != '"') {
        if (s[j] == '\\' && j + 1 < s.size()) {
          char e = s[j + 1];
          j += 2;
          switch (e) {
            case 'a': out.push_back('\a'); break;
            case 'b': out.push_back('\b'); break;
            case 't': out.push_back('\t'); break;
            case 'n': out.push_back('\n'); break;
            case 'v': out.push_back('\v'); break;
            case 'f': out.push_back('\f'); break;
            case 'r': out.push_back('\r'); break;
            case '\n': break;
            case 'x': {
              int v = 0, n = 0;
              while (j < s.size() && n < 2 && hexval(s[j]) >= 0) { v = v * 16 + hexval(s[j]); ++j; ++n; }
              out.push_back(char(v));
              break;
            }
            case '<': {
              // \<hex bytes with optional spaces>
              int v = -1;
              while (j < s.size() && s[j] != '>') {
                int h = hexval(s[j]);
                if (h >= 0) { if (v < 0) v = h; else { out.push_back(char(v * 16 + h)); v = -1; } }
                ++j;
              }
              if (j < s.size()) ++j;
              break;
            }
            default:
              if (e >= '0' && e <= '7') {
                int v = e - '0', n = 1;
                while (j < s.size() && n < 3 && s[j] >= '0' && s[j] <= '7') { v = v * 8 + (s[j] - '0'); ++j; ++n; }
                out.push_back(char(v));
              } else
                out.push_back(e);
          }
        } else
          out.push_back(s[j++]);
      }
      i = j + 1;
    } else if (c == '\\' && i + 1 < s.size() && s[i + 1] == '<') {
      // \<hex bytes> is data outside quotes too (Click: DATA \<0a 0b>)
      size_t j = i + 2;
      int v = -1;
      while (j < s.size() && s[j] != '>') {
        int h = hexval(s[j]);
        if (h >= 0) { if (v < 0) v = h; else { out.push_back(char(v * 16 + h)); v = -1; } }
        ++j;
      }
      i = j < s.size() ? j + 1 : j;
    } else {
      out.push_back(c);
      ++i;
    }
  }
  return out;
}

bool cp_is_word(const String& s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c == '"' || c == '\'' || c == ',' || c == '\\' || c == '(' || c == ')' || is_space(c) || (unsigned char)c < 32 || (unsigned char)c > 126) return false;
  return true;
}

String cp_quote(const String& s, bool allow_newlines) {
  if (cp_is_word(s)) return s;
  String out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') { out.push_back('\\'); out.push_back(c); }
    else if (c == '\n' && !allow_newlines) out += "\\n";
    else if (c == '\t') out += "\\t";
    else if ((unsigned char)c < 32 && c != '\n') out += string_printf("\\%03o", (unsigned char)c);
    else out.push_back(c);
  }
  return out + "\"";
}

bool cp_is_click_id(const String& s) {
  if (s.empty()) return false;
  bool alpha = false;
  for (char c : s) {
    if (isalpha((unsigned char)c) || c == '_' || c == '@') alpha = true;
    else if (!isdigit((unsigned char)c) && c != '/') return false;
  }
  return alpha && s.front() != '/' && s.back() != '/';
}

bool cp_bool(const String& s, bool* out) {
  if (s == "true" || s == "yes" || s == "1" || s == "t" || s == "y" || s == "on") { *out = true; return true; }
  if (s == "false" || s == "no" || s == "0" || s == "f" || s == "n" || s == "off") { *out = false; return true; }
  return false;
}

CLICK_ENDDECLS
