// lexical.cc -- see lexical.hh.
#include "lexical.hh"

#include <cctype>

namespace netserv::classify::lexical {
namespace {

bool is_space(char c) {
    return std::isspace(static_cast<unsigned char>(c)) != 0;
}

int digit_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return 99;
}

// Parses up to 4 dotted decimal bytes; returns how many, 0 on error.
int parse_dotted(std::string_view s, uint8_t bytes[4]) {
    int n = 0;
    size_t i = 0;
    while (true) {
        if (n == 4 || i >= s.size() || !std::isdigit(static_cast<unsigned char>(s[i])))
            return 0;
        unsigned v = 0;
        size_t start = i;
        while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])) && i - start < 4)
            v = v * 10 + (s[i++] - '0');
        if (v > 255 || (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))))
            return 0;
        bytes[n++] = static_cast<uint8_t>(v);
        if (i == s.size())
            return n;
        if (s[i] != '.')
            return 0;
        ++i;
    }
}

}  // namespace

std::optional<int64_t> parse_integer(std::string_view s, int64_t lo, int64_t hi) {
    size_t i = 0;
    bool negative = false;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
        negative = s[i] == '-';
        ++i;
    }
    int base = 10;
    if (i + 1 < s.size() && s[i] == '0' && (s[i + 1] == 'x' || s[i + 1] == 'X')) {
        base = 16;
        i += 2;
    } else if (i + 1 < s.size() && s[i] == '0')
        base = 8;
    if (i >= s.size())
        return std::nullopt;
    uint64_t v = 0;
    for (; i < s.size(); ++i) {
        if (s[i] == '_' && i > 0 && i + 1 < s.size())
            continue;   // Click allows digit separators
        int d = digit_value(s[i]);
        if (d >= base)
            return std::nullopt;
        v = v * base + d;
        if (v > (uint64_t(1) << 40))
            return std::nullopt;
    }
    int64_t r = negative ? -int64_t(v) : int64_t(v);
    if (r < lo || r > hi)
        return std::nullopt;
    return r;
}

std::optional<uint32_t> parse_ip(std::string_view s) {
    uint8_t b[4];
    if (parse_dotted(s, b) != 4)
        return std::nullopt;
    return (uint32_t(b[0]) << 24) | (uint32_t(b[1]) << 16) | (uint32_t(b[2]) << 8) | b[3];
}

std::optional<Prefix> parse_ip_prefix(std::string_view s) {
    size_t slash = s.find('/');
    if (slash == std::string_view::npos)
        return std::nullopt;
    uint8_t b[4] = {0, 0, 0, 0};
    int n = parse_dotted(s.substr(0, slash), b);
    if (n == 0)
        return std::nullopt;
    uint32_t addr = (uint32_t(b[0]) << 24) | (uint32_t(b[1]) << 16) | (uint32_t(b[2]) << 8) | b[3];
    std::string_view m = s.substr(slash + 1);
    uint32_t mask;
    if (auto len = parse_integer(m, 0, 32); len && m.find('.') == std::string_view::npos)
        mask = *len == 0 ? 0 : ~uint32_t(0) << (32 - *len);
    else if (auto ip = parse_ip(m))
        mask = *ip;
    else
        return std::nullopt;
    return Prefix{addr, mask};
}

bool parse_ether(std::string_view s, uint8_t out[6]) {
    if (s.empty())
        return false;
    char sep = s.find(':') != std::string_view::npos ? ':' : '-';
    size_t i = 0;
    for (int k = 0; k < 6; ++k) {
        int v = 0, digits = 0;
        while (i < s.size() && digits < 2 && digit_value(s[i]) < 16) {
            v = v * 16 + digit_value(s[i++]);
            ++digits;
        }
        if (digits == 0)
            return false;
        out[k] = static_cast<uint8_t>(v);
        if (k < 5) {
            if (i >= s.size() || s[i] != sep)
                return false;
            ++i;
        }
    }
    return i == s.size();
}

std::string clean_argument(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size();) {
        char c = s[i];
        if (c == '/' && i + 1 < s.size() && s[i + 1] == '/') {
            while (i < s.size() && s[i] != '\n' && s[i] != '\r')
                ++i;
            out += ' ';
        } else if (c == '/' && i + 1 < s.size() && s[i + 1] == '*') {
            size_t end = s.find("*/", i + 2);
            i = end == std::string_view::npos ? s.size() : end + 2;
            out += ' ';
        } else if (c == '"') {
            for (++i; i < s.size() && s[i] != '"'; ++i) {
                if (s[i] == '\\' && i + 1 < s.size())
                    ++i;
                out += s[i];
            }
            ++i;
        } else if (c == '\'') {
            for (++i; i < s.size() && s[i] != '\''; ++i)
                out += s[i];
            ++i;
        } else {
            out += c;
            ++i;
        }
    }
    size_t b = 0, e = out.size();
    while (b < e && is_space(out[b]))
        ++b;
    while (e > b && is_space(out[e - 1]))
        --e;
    return out.substr(b, e - b);
}

}  // namespace netserv::classify::lexical
