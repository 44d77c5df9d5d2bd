// builder.hh -- builds a classification program as Click does, then
// optimises it into a Program.
//
// Pattern parsers emit instructions into nested "subtrees" and combine them
// with and/or/ternary and negation; jumps to j_success/j_failure stay open
// until the enclosing subtree is finished.  This is a port of Click's
// Classification::Wordwise::Program building API (init_subtree,
// start_subtree, add_insn, negate_subtree, finish_subtree) from
// elements/standard/classification.cc (Eddie Kohler; Copyright (c) 1999-2000
// MIT, 2000 Mazu Networks, 2008 Regents of the University of California,
// 2010 Meraki; MIT-like Click license), so that programs mean exactly what
// Click's mean, short-packet behaviour included.  The optimiser is our own.
#ifndef NETSERV_CLASSIFY_BUILDER_HH
#define NETSERV_CLASSIFY_BUILDER_HH
#include "program.hh"

#include <cstdint>
#include <vector>

namespace netserv::classify::detail {

enum : int32_t {
    j_never = -2147483647,   // drop
    j_failure,               // open failure edge while building
    j_success                // open success edge while building
};

enum class Combiner { And, Or, Ternary };

// One test.  value and mask are numbers whose most significant byte is the
// packet byte at 'offset' (so 12/0806 is value 0x08060000, mask 0xFFFF0000).
struct Insn {
    int offset = 0;
    uint32_t value = 0;
    uint32_t mask = 0;
    int32_t j[2] = {j_failure, j_success};   // j[0] = no, j[1] = yes
    bool short_yes = false;

    int32_t& no() { return j[0]; }
    int32_t& yes() { return j[1]; }
    int32_t no() const { return j[0]; }
    int32_t yes() const { return j[1]; }

    // Bytes of the word the mask touches, counted from 'offset'.
    int need() const {
        if (mask & 0xFFu) return 4;
        if (mask & 0xFF00u) return 3;
        if (mask & 0xFF0000u) return 2;
        if (mask) return 1;
        return 0;
    }
    int required_length() const { return mask ? offset + need() : 0; }
    bool same_test(const Insn& x) const {
        return offset == x.offset && mask == x.mask && value == x.value && short_yes == x.short_yes;
    }
};

class Builder {
  public:
    std::vector<int> init_subtree() const;
    void start_subtree(std::vector<int>& tree) const;
    void add_insn(std::vector<int>& tree, int offset, uint32_t value, uint32_t mask);
    // Swaps success and failure in the last subtree; flip_short also swaps
    // which branch short packets take.
    void negate_subtree(std::vector<int>& tree, bool flip_short = false);
    void finish_subtree(std::vector<int>& tree, Combiner combiner = Combiner::And,
                        int32_t success = j_success, int32_t failure = j_failure);

    std::vector<Insn>& insns() { return insns_; }
    Insn& back() { return insns_.back(); }

    // Optimises the finished program (no open edges left) into OUT.
    void finish(OffsetSpace space, int noutputs, Program& out) const;

  private:
    std::vector<Insn> insns_;
    void redirect_subtree(int first, int last, int32_t success, int32_t failure);
};

// Exposed for tests: the optimiser on its own (same semantics in, out).
std::vector<Insn> optimize(std::vector<Insn> insns, int& output_everything);

// Test hook: when set, Builder::finish copies the unoptimised program here,
// so tests can check the optimised DAG against the program as built.
extern thread_local std::vector<Insn>* capture_unoptimized;

// Runs an unoptimised program the slow, obvious way (tests only).
int evaluate_unoptimized(const std::vector<Insn>& insns, OffsetSpace space, int noutputs, const PacketView& p);

}  // namespace netserv::classify::detail
#endif
