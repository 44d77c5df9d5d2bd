// classifier_lang.cc -- the Classifier pattern language:
// "OFFSET/VALUE[%MASK]" clauses (hex digits, '?' nibble wildcards), '!'
// negation, and "-" for "every packet".
//
// A port of Classifier::parse_program from Click's
// elements/standard/classifier.cc (Eddie Kohler; Copyright (c) 1999-2000
// MIT, 2000 Mazu Networks, 2008 Regents of the University of California,
// 2010 Meraki; MIT-like Click license), with Click's error messages.
#include "builder.hh"
#include "lexical.hh"
#include "program.hh"

#include <cctype>
#include <string>

namespace netserv::classify {
namespace {

using detail::Builder;
using detail::Combiner;

bool is_xdigit(char c) {
    return std::isxdigit(static_cast<unsigned char>(c)) != 0;
}

void update_value_mask(char c, int shift, int& value, int& mask) {
    int v = 0, m = 0xF;
    if (c == '?')
        v = m = 0;
    else if (c >= '0' && c <= '9')
        v = c - '0';
    else if (c >= 'A' && c <= 'F')
        v = c - 'A' + 10;
    else if (c >= 'a' && c <= 'f')
        v = c - 'a' + 10;
    value |= v << shift;
    mask |= m << shift;
}

// Offsets beyond this cannot be tested by a 16-bit program offset.
constexpr int kMaxOffset = 0xFFFF - 4;

}  // namespace

// Long on purpose: Classifier's pattern syntax (offset/value%mask, "!", "-")
// parsed and compiled in one pass, as Click's Classifier::configure does.
bool compile_classifier(const std::vector<std::string>& args, Program& out, Diagnostics& diag) {
    Builder prog;
    std::vector<int> tree = prog.init_subtree();
    prog.start_subtree(tree);
    const size_t first_error = diag.errors.size();
    auto error = [&](size_t slot, const std::string& msg) {
        diag.errors.push_back("pattern " + std::to_string(slot) + ": " + msg);
    };

    for (size_t slot = 0; slot < args.size(); ++slot) {
        const std::string pattern = lexical::clean_argument(args[slot]);
        const char* s = pattern.c_str();
        const size_t len = pattern.size();
        size_t i = 0;
        bool empty = true;

        prog.start_subtree(tree);
        if (len == 1 && s[0] == '-')
            i = 1;   // matches every packet

        while (i < len) {
            while (i < len && std::isspace(static_cast<unsigned char>(s[i])))
                ++i;
            if (i >= len)
                break;

            bool negated = false;
            if (s[i] == '!') {
                negated = true;
                ++i;
                while (i < len && std::isspace(static_cast<unsigned char>(s[i])))
                    ++i;
            }

            if (i >= len || !std::isdigit(static_cast<unsigned char>(s[i]))) {
                error(slot, "expected a digit");
                break;
            }

            long offset = 0;
            while (i < len && std::isdigit(static_cast<unsigned char>(s[i]))) {
                if (offset <= kMaxOffset)
                    offset = offset * 10 + (s[i] - '0');
                ++i;
            }
            if (offset > kMaxOffset) {
                error(slot, "offset too large");
                break;
            }

            if (i >= len || s[i] != '/') {
                error(slot, "expected '/'");
                break;
            }
            ++i;

            size_t value_pos = i;
            while (i < len && (is_xdigit(s[i]) || s[i] == '?'))
                ++i;
            size_t value_end = i;

            long mask_pos = -1, mask_end = -1;
            if (i < len && s[i] == '%') {
                ++i;
                mask_pos = long(i);
                while (i < len && (is_xdigit(s[i]) || s[i] == '?'))
                    ++i;
                mask_end = long(i);
            }

            if (value_end - value_pos < 2) {
                error(slot, "value has less than 2 hex digits");
                value_end = value_pos;
                mask_end = mask_pos;
            }
            if ((value_end - value_pos) % 2 != 0) {
                error(slot, "value has odd number of hex digits");
                --value_end;
                --mask_end;
            }
            if (mask_pos >= 0 && (mask_end - mask_pos) != long(value_end - value_pos)) {
                bool too_many = (mask_end - mask_pos) > long(value_end - value_pos);
                error(slot, std::string("mask has too ") + (too_many ? "many" : "few") + " hex digits");
                if (too_many)
                    mask_end = mask_pos + long(value_end - value_pos);
                else
                    value_end = value_pos + size_t(mask_end - mask_pos);
            }
            if (offset + long(value_end - value_pos) / 2 > kMaxOffset + 4) {
                error(slot, "offset too large");
                break;
            }

            // One instruction per aligned word the clause touches.
            prog.start_subtree(tree);
            bool first = true;
            while (value_pos < value_end) {
                int v = 0, m = 0;
                update_value_mask(s[value_pos], 4, v, m);
                update_value_mask(s[value_pos + 1], 0, v, m);
                value_pos += 2;
                if (mask_pos >= 0) {
                    int mv = 0, mm = 0;
                    update_value_mask(s[mask_pos], 4, mv, mm);
                    update_value_mask(s[mask_pos + 1], 0, mv, mm);
                    mask_pos += 2;
                    m = m & mv & mm;
                }
                if (first || offset % 4 == 0) {
                    prog.add_insn(tree, int(offset / 4) * 4, 0, 0);
                    first = empty = false;
                }
                const int shift = 24 - 8 * int(offset % 4);
                detail::Insn& in = prog.back();
                in.mask = (in.mask & ~(0xFFu << shift)) | (uint32_t(m) << shift);
                in.value = (in.value & ~(0xFFu << shift)) | (uint32_t(v & m) << shift);
                ++offset;
            }
            prog.finish_subtree(tree, Combiner::And);
            if (negated)
                prog.negate_subtree(tree);
        }

        if (empty)
            prog.add_insn(tree, 0, 0, 0);
        prog.finish_subtree(tree, Combiner::And, -int32_t(slot), detail::j_failure);
    }
    prog.finish_subtree(tree, Combiner::Or, detail::j_never, detail::j_never);

    if (diag.errors.size() != first_error)
        return false;
    const int noutputs = static_cast<int>(args.size());
    prog.finish(OffsetSpace::Packet, noutputs, out);

    const std::vector<bool> used = out.reachable_outputs();
    for (int i = 0; i < noutputs; ++i)
        if (!used[i])
            diag.warnings.push_back("output " + std::to_string(i) + " matches no packets");
    return true;
}

bool compile_classifier(const std::vector<std::string>& args, Program& out, std::string& err) {
    Diagnostics diag;
    bool ok = compile_classifier(args, out, diag);
    err = diag.joined_errors();
    return ok;
}

}  // namespace netserv::classify
