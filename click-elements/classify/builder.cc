// builder.cc -- see builder.hh.
#include "builder.hh"

#include <algorithm>
#include <arpa/inet.h>
#include <map>
#include <tuple>

namespace netserv::classify::detail {

//
// BUILDING (Click's subtree machinery)
//
// tree[k + 1] is the nesting level at which instruction k began a subtree,
// or -1 if it continues one; tree[0] is the current level.
//

std::vector<int> Builder::init_subtree() const {
    std::vector<int> tree(insns_.size() + 1, -1);
    tree[0] = 0;
    return tree;
}

void Builder::start_subtree(std::vector<int>& tree) const {
    ++tree[0];
}

void Builder::add_insn(std::vector<int>& tree, int offset, uint32_t value, uint32_t mask) {
    Insn in;
    in.offset = offset;
    in.mask = mask;
    in.value = value & mask;
    insns_.push_back(in);
    tree.push_back(tree[0]);
}

void Builder::redirect_subtree(int first, int last, int32_t success, int32_t failure) {
    for (int i = first; i < last; ++i)
        for (int32_t& j : insns_[i].j) {
            if (j == j_success)
                j = success;
            else if (j == j_failure)
                j = failure;
        }
}

void Builder::finish_subtree(std::vector<int>& tree, Combiner combiner, int32_t success, int32_t failure) {
    const int level = tree[0];
    const int size = static_cast<int>(insns_.size());

    // The subtrees at 'level' that belong to the innermost open parent.
    std::vector<int> subtrees;
    int ptr = size;
    while (ptr > 0 && (tree[ptr] < 0 || tree[ptr] >= level))
        --ptr;
    for (++ptr; ptr <= size; ++ptr)
        if (tree[ptr] == level)
            subtrees.push_back(ptr - 1);

    if (!subtrees.empty()) {
        tree[subtrees[0] + 1] = level - 1;
        for (int e = subtrees[0] + 2; e <= size; ++e)
            tree[e] = -1;

        size_t t;
        for (t = 0; t + 1 < subtrees.size(); ++t) {
            const int first = subtrees[t], next = subtrees[t + 1];
            switch (combiner) {
            case Combiner::And:
                redirect_subtree(first, next, next, failure);
                break;
            case Combiner::Or:
                redirect_subtree(first, next, success, next);
                break;
            case Combiner::Ternary:
                if (t + 2 < subtrees.size()) {
                    const int next2 = subtrees[t + 2];
                    redirect_subtree(first, next, next, next2);
                    redirect_subtree(next, next2, success, failure);
                    ++t;
                } else
                    redirect_subtree(first, next, next, failure);
                break;
            }
        }
        if (t < subtrees.size())
            redirect_subtree(subtrees[t], size, success, failure);
    }
    --tree[0];
}

void Builder::negate_subtree(std::vector<int>& tree, bool flip_short) {
    const int level = tree[0];
    const int size = static_cast<int>(insns_.size());
    int first = size - 1;
    while (first >= 0 && tree[first + 1] != level)
        --first;
    for (int i = first; i >= 0 && i < size; ++i) {
        Insn& e = insns_[i];
        for (int32_t& j : e.j) {
            if (j == j_failure)
                j = j_success;
            else if (j == j_success)
                j = j_failure;
        }
        if (flip_short)
            e.short_yes = !e.short_yes;
    }
}

//
// OPTIMISATION
//
// Jumps always go forward, so index order is a topological order.  The passes:
//   1. skip tests that cannot fail (mask 0) or whose branches agree;
//   2. path facts: for each state, the (test, outcome) pairs true on every
//      path into it; an edge whose target test those facts decide is moved
//      past the target (Click does this with its DominatorOptimizer);
//   3. merge "A and B" tests on the same word into one test;
//   4. drop unreachable states and share identical states (tree -> DAG).
// Compression into value sets happens in Builder::finish.
//

namespace {

bool single_bit(uint32_t m) {
    return m && !(m & (m - 1));
}

int32_t skip_trivial(const std::vector<Insn>& v, int32_t t) {
    while (t > 0 && (v[t].mask == 0 || v[t].yes() == v[t].no()))
        t = v[t].yes();
    return t;
}

// Path facts.  Tests are identified by rank in (offset, mask, value, short)
// order, so equal tests share a rank and the tests on one word form a
// contiguous rank range.  A state's facts are the ranks of the tests that
// answered yes, and those that answered no, on every path into it.
struct Facts {
    std::vector<int> yes, no;   // sorted ranks
    int known = 0;              // bytes known present (see known_length)

    void add(int rank, bool answer) {
        std::vector<int>& f = answer ? yes : no;
        f.insert(std::lower_bound(f.begin(), f.end(), rank), rank);
    }
    void intersect(const Facts& o) {
        for (auto [mine, theirs] : {std::pair{&yes, &o.yes}, std::pair{&no, &o.no}}) {
            std::vector<int> both;
            std::set_intersection(mine->begin(), mine->end(), theirs->begin(), theirs->end(),
                                  std::back_inserter(both));
            mine->swap(both);
        }
    }
};

class Decider {
  public:
    explicit Decider(const std::vector<Insn>& v) : v_(v), rank_(v.size()) {
        std::vector<int> order(v.size());
        for (size_t i = 0; i < v.size(); ++i)
            order[i] = int(i);
        auto key = [&](int i) { return std::make_tuple(v[i].offset, v[i].mask, v[i].value, v[i].short_yes); };
        std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return key(a) < key(b); });
        for (size_t k = 0; k < order.size(); ++k) {
            if (k == 0 || key(order[k]) != key(order[k - 1])) {
                rep_.push_back(order[k]);
                rep_offset_.push_back(v[order[k]].offset);
            }
            rank_[order[k]] = int(rep_.size()) - 1;
        }
    }

    int rank(int insn) const { return rank_[insn]; }

    // Bytes the packet is known to have, from tests that took their
    // non-short branch (taking it proves the bytes were there).
    int known_length(const Facts& f) const {
        int known = 0;
        for (int r : f.yes)
            if (!v_[rep_[r]].short_yes)
                known = std::max(known, v_[rep_[r]].required_length());
        for (int r : f.no)
            if (v_[rep_[r]].short_yes)
                known = std::max(known, v_[rep_[r]].required_length());
        return known;
    }

    // -1 if the facts do not decide test T, else its outcome.
    int decide(const Facts& f, int t) const {
        const Insn& b = v_[t];
        const int rt = rank_[t];
        if (std::binary_search(f.yes.begin(), f.yes.end(), rt))
            return 1;
        if (std::binary_search(f.no.begin(), f.no.end(), rt))
            return 0;

        const bool b_long_enough = f.known >= b.required_length();
        const auto lo = std::lower_bound(rep_offset_.begin(), rep_offset_.end(), b.offset) - rep_offset_.begin();
        const auto hi = std::upper_bound(rep_offset_.begin(), rep_offset_.end(), b.offset) - rep_offset_.begin();
        for (int answer = 1; answer >= 0; --answer) {
            const std::vector<int>& list = answer ? f.yes : f.no;
            auto first = std::lower_bound(list.begin(), list.end(), int(lo));
            auto last = std::lower_bound(first, list.end(), int(hi));
            // Failed tests rarely decide anything; bound the work they cost.
            if (!answer && last - first > kMaxNoFacts)
                first = last - kMaxNoFacts;
            for (auto it = first; it != last; ++it) {
                const Insn& a = v_[rep_[*it]];
                if (f.known < a.required_length())
                    continue;   // A may have been short: its data says nothing
                int r = -1;
                if (answer) {
                    if ((b.mask & ~a.mask) == 0)
                        r = (a.value & b.mask) == b.value;
                    else if ((a.value ^ b.value) & a.mask & b.mask)
                        r = 0;
                } else {
                    if ((a.mask & ~b.mask) == 0 && (b.value & a.mask) == a.value)
                        r = 0;   // B would imply A
                    else if (a.mask == b.mask && single_bit(a.mask) && a.value != b.value)
                        r = 1;
                }
                if (r >= 0 && (b_long_enough || r == b.short_yes))
                    return r;
            }
        }
        return -1;
    }

  private:
    static constexpr long kMaxNoFacts = 32;
    const std::vector<Insn>& v_;
    std::vector<int> rank_;         // insn -> rank
    std::vector<int> rep_;          // rank -> an insn with that test
    std::vector<int> rep_offset_;   // rank -> its offset (sorted)
};

void shift_edges(std::vector<Insn>& v) {
    const int n = static_cast<int>(v.size());
    const Decider d(v);
    std::vector<Facts> facts(n);
    std::vector<char> reached(n, 0);
    reached[0] = 1;
    Facts edge;
    for (int s = 0; s < n; ++s) {
        if (!reached[s])
            continue;
        for (int k = 0; k < 2; ++k) {
            edge = facts[s];
            edge.add(d.rank(s), k == 1);
            edge.known = d.known_length(edge);
            int32_t t = skip_trivial(v, v[s].j[k]);
            while (t > 0) {
                int r = d.decide(edge, t);
                if (r < 0)
                    break;
                t = skip_trivial(v, v[t].j[r]);
            }
            v[s].j[k] = t;
            if (t > 0) {
                if (!reached[t]) {
                    facts[t] = edge;
                    reached[t] = 1;
                } else
                    facts[t].intersect(edge);
            }
        }
        facts[s] = Facts();   // frees the memory: states are visited once
    }
}

void combine_and_tests(std::vector<Insn>& v) {
    for (int i = static_cast<int>(v.size()) - 1; i >= 0; --i) {
        Insn& in = v[i];
        while (in.yes() > 0) {
            const Insn& y = v[in.yes()];
            if (y.offset != in.offset || y.no() != in.no() || in.short_yes || y.short_yes || !in.mask || !y.mask
                || ((in.value ^ y.value) & in.mask & y.mask))
                break;
            in.value |= y.value;
            in.mask |= y.mask;
            in.yes() = y.yes();
        }
    }
}

// Keeps the states reachable from node START, renumbered in index order so
// START becomes node 0.
void compact(std::vector<Insn>& v, int32_t start) {
    const int n = static_cast<int>(v.size());
    std::vector<int> dest(n, -1);
    dest[start] = 0;
    int next = 0;
    for (int i = start; i < n; ++i)
        if (dest[i] >= 0) {
            dest[i] = next++;
            for (int32_t j : v[i].j)
                if (j > 0)
                    dest[j] = 0;
        }
    std::vector<Insn> out;
    out.reserve(next);
    for (int i = start; i < n; ++i)
        if (dest[i] >= 0) {
            Insn in = v[i];
            for (int32_t& j : in.j)
                if (j > 0)
                    j = dest[j];
            out.push_back(in);
        }
    v.swap(out);
}

// Shares identical states; returns the (possibly moved) start.
int32_t share_states(std::vector<Insn>& v) {
    const int n = static_cast<int>(v.size());
    std::vector<int32_t> same(n);
    std::map<std::tuple<int, uint32_t, uint32_t, bool, int32_t, int32_t>, int> seen;
    for (int i = n - 1; i >= 0; --i) {
        Insn& in = v[i];
        for (int32_t& j : in.j)
            if (j > 0)
                j = same[j];
        if (in.yes() == in.no()) {
            same[i] = in.yes();
            continue;
        }
        auto key = std::make_tuple(in.offset, in.mask, in.value, in.short_yes, in.yes(), in.no());
        same[i] = seen.emplace(key, i).first->second;
    }
    return n ? same[0] : 0;
}

}  // namespace

namespace {

bool trivial(const Insn& in) {
    return in.mask == 0 || in.yes() == in.no();
}

// Skips trivial states everywhere and renumbers from the real start.
// Returns false, with OUTPUT set, if every packet goes to one output.
bool rebase(std::vector<Insn>& v, int& output) {
    for (int i = static_cast<int>(v.size()) - 1; i >= 0; --i)
        for (int32_t& j : v[i].j)
            j = skip_trivial(v, j);
    if (v.empty()) {
        output = -j_never;
        return false;
    }
    if (trivial(v[0])) {
        const int32_t start = v[0].yes();   // already skips trivial states
        if (start <= 0) {
            output = -start;
            v.clear();
            return false;
        }
        compact(v, start);
    } else
        compact(v, 0);
    return true;
}

}  // namespace

std::vector<Insn> optimize(std::vector<Insn> v, int& output_everything) {
    output_everything = -1;
    if (!rebase(v, output_everything))
        return v;
    shift_edges(v);
    combine_and_tests(v);
    if (!rebase(v, output_everything))
        return v;
    const int32_t start = share_states(v);
    if (start <= 0 && (start < 0 || trivial(v[0]))) {
        output_everything = -start;
        v.clear();
        return v;
    }
    compact(v, start);
    return v;
}

thread_local std::vector<Insn>* capture_unoptimized = nullptr;

// Long on purpose: lowering the optimized instructions to multiway nodes shares
// the predecessor counts, node numbering and absorbed chains across its steps.
void Builder::finish(OffsetSpace space, int noutputs, Program& out) const {
    if (capture_unoptimized)
        *capture_unoptimized = insns_;
    int output_everything = -1;
    std::vector<Insn> v = optimize(insns_, output_everything);

    std::vector<Program::Node> nodes;
    std::vector<uint32_t> values;
    std::vector<Program::Target> yes;
    if (!v.empty()) {
        const int n = static_cast<int>(v.size());
        std::vector<int> preds(n, 0);
        for (const Insn& in : v)
            for (int32_t j : in.j)
                if (j > 0)
                    ++preds[j];

        // Chains "x == a ? A : x == b ? B : ... : N" on one word become one
        // multiway node.  Masked values are mutually exclusive, so the order
        // of distinct values does not matter; a repeated value keeps its
        // first target.  Different targets need short packets to take 'no'
        // everywhere (one short branch per node).
        std::vector<char> absorbed(n, 0);
        std::vector<int> node_of(n, -1);
        for (int i = 0; i < n; ++i) {
            if (absorbed[i])
                continue;
            const Insn& in = v[i];
            node_of[i] = static_cast<int>(nodes.size());
            Program::Node node{};
            node.offset = static_cast<uint16_t>(in.offset);
            node.need = static_cast<uint8_t>(in.need());
            node.short_yes = in.short_yes;
            node.mask = htonl(in.mask);
            node.first_value = static_cast<uint32_t>(values.size());
            node.yes = in.yes();
            auto chain = [&](bool multiway) {
                std::vector<int> members;
                for (int32_t no = in.no();
                     no > 0 && preds[no] == 1 && v[no].offset == in.offset && v[no].mask == in.mask
                     && v[no].short_yes == in.short_yes && (v[no].yes() == in.yes() || (multiway && !in.short_yes));
                     no = v[no].no())
                    members.push_back(no);
                return members;
            };
            // Multiway only pays off where it replaces a long linear chain;
            // short chains stay as Click lays them out.
            std::vector<int> members = chain(true);
            if (members.size() + 1 < 7)
                members = chain(false);
            std::vector<std::pair<uint32_t, int32_t>> set{{htonl(in.value), in.yes()}};
            for (int m : members) {
                set.emplace_back(htonl(v[m].value), v[m].yes());
                absorbed[m] = 1;
            }
            node.no = members.empty() ? in.no() : v[members.back()].no();
            // Short lists keep program order (as Click prints them); long
            // ones are sorted for binary search (Program::kBinarySearchMin).
            if (set.size() >= 7) {
                std::stable_sort(set.begin(), set.end(),
                                 [](const auto& a, const auto& b) { return a.first < b.first; });
                set.erase(std::unique(set.begin(), set.end(),
                                      [](const auto& a, const auto& b) { return a.first == b.first; }),
                          set.end());
            } else {
                std::vector<std::pair<uint32_t, int32_t>> kept;
                for (const auto& e : set)
                    if (std::none_of(kept.begin(), kept.end(), [&](const auto& k) { return k.first == e.first; }))
                        kept.push_back(e);
                set.swap(kept);
            }
            node.nvalues = static_cast<uint32_t>(set.size());
            for (const auto& [value, target] : set) {
                values.push_back(value);
                yes.push_back(target);
            }
            nodes.push_back(node);
        }
        auto renumber = [&](int32_t& t) {
            if (t > 0)
                t = node_of[t];
        };
        for (Program::Node& node : nodes) {
            renumber(node.yes);
            renumber(node.no);
        }
        for (int32_t& t : yes)
            renumber(t);
    }
    out.assign(space, noutputs, output_everything, std::move(nodes), std::move(values), std::move(yes));
}

}  // namespace netserv::classify::detail

namespace netserv::classify::detail {

int evaluate_unoptimized(const std::vector<Insn>& insns, OffsetSpace space, int noutputs, const PacketView& p) {
    // Length measure and byte access exactly as documented in program.hh.
    int64_t vlen;
    int64_t net = -1, transp = -1, mac = p.mac_offset - 2;
    const bool has_mac = p.mac_offset >= 0;
    if (space == OffsetSpace::Packet)
        vlen = p.length;
    else {
        vlen = 256;
        if (p.network_offset >= 0 && int64_t(p.network_offset) <= int64_t(p.length)) {
            net = p.network_offset;
            int64_t nl = int64_t(p.length) - net;
            transp = p.transport_offset >= 0 ? p.transport_offset : net + (nl > 0 ? (p.data[net] & 0xF) * 4 : 0);
            vlen = nl > transp - net ? nl - (transp - net) + 512 : nl + 256;
        }
    }
    auto byte_at = [&](int64_t off) -> uint32_t {
        int64_t pos;
        if (space == OffsetSpace::Packet)
            pos = off;
        else {
            if (off >= 256 ? net < 0 : !has_mac)
                return 0;
            int64_t base = off >= 512 ? transp : off >= 256 ? net : mac;
            pos = base + (off >= 512 ? off - 512 : off >= 256 ? off - 256 : off);
        }
        return pos >= 0 && pos < int64_t(p.length) ? p.data[pos] : 0;
    };
    int32_t pos = 0;
    if (insns.empty())
        return -1;
    while (true) {
        const Insn& in = insns[pos];
        bool yes;
        if (in.mask == 0)
            yes = true;
        else if (in.offset + in.need() > vlen)
            yes = in.short_yes;
        else {
            uint32_t w = (byte_at(in.offset) << 24) | (byte_at(in.offset + 1) << 16) | (byte_at(in.offset + 2) << 8)
                | byte_at(in.offset + 3);
            yes = (w & in.mask) == in.value;
        }
        int32_t t = in.j[yes];
        if (t <= 0) {
            int64_t port = -int64_t(t);
            return port < noutputs ? int(port) : -1;
        }
        pos = t;
    }
}

}  // namespace netserv::classify::detail
