// program.cc -- running and printing compiled classification programs.
#include "program.hh"

#include <algorithm>
#include <cstdio>
#include <cstring>

namespace netserv::classify {
namespace {

// Offsets count from the first packet byte; a test is short when its bytes
// run past the end.
struct PacketFrame {
    const uint8_t* data;
    int64_t length;

    bool long_enough(uint32_t offset, uint32_t need) const { return offset + need <= length; }
    uint32_t load(uint32_t offset) const {
        uint32_t w = 0;
        if (offset + 4 <= length)
            std::memcpy(&w, data + offset, 4);
        else
            std::memcpy(&w, data + offset, length - offset);   // long_enough() held
        return w;
    }
};

// Click's IPFilter length rule: the packet "length" is measured in the
// three-region offset space, so a test is short exactly when Click's
// IPFilter::match would take the short branch.  Bytes the measure admits but
// the buffer lacks (Click reads them from the buffer tail) read as zero.
struct IpFrame {
    const uint8_t* data;
    int64_t length;
    int64_t mac = 0, net = 0, transp = 0;
    bool has_mac = false, has_net = false;
    int64_t virtual_length = 256;

    explicit IpFrame(const PacketView& p) : data(p.data), length(p.length) {
        if (p.mac_offset >= 0) {
            mac = int64_t(p.mac_offset) - 2;   // Click's MAC words start 2 bytes early
            has_mac = true;
        }
        if (p.network_offset >= 0 && uint32_t(p.network_offset) <= p.length) {
            net = p.network_offset;
            has_net = true;
            const int64_t nl = length - net;
            if (p.transport_offset >= 0)
                transp = p.transport_offset;
            else
                transp = net + (nl > 0 ? (data[net] & 0xF) * 4 : 0);
            const int64_t nhl = transp - net;
            virtual_length = nl > nhl ? nl - nhl + 512 : nl + 256;
        }
    }

    bool long_enough(uint32_t offset, uint32_t need) const { return offset + need <= virtual_length; }
    uint32_t load(uint32_t offset) const {
        if (!(offset >= 256 ? has_net : has_mac))
            return 0;
        int64_t base = offset >= 512 ? transp : offset >= 256 ? net : mac;
        int64_t pos = base + (offset >= 512 ? offset - 512 : offset >= 256 ? offset - 256 : offset);
        uint32_t w = 0;
        if (pos >= 0 && pos + 4 <= length)
            std::memcpy(&w, data + pos, 4);
        else {
            uint8_t b[4] = {0, 0, 0, 0};
            for (int i = 0; i < 4; ++i)
                if (pos + i >= 0 && pos + i < length)
                    b[i] = data[pos + i];
            std::memcpy(&w, b, 4);
        }
        return w;
    }
};

void append_jump(std::string& s, Program::Target j) {
    char buf[32];
    if (j <= Program::kNever + 2)
        std::snprintf(buf, sizeof buf, "[%c]", "X-+"[j - Program::kNever]);
    else if (j <= 0)
        std::snprintf(buf, sizeof buf, "[%d]", -j);
    else
        std::snprintf(buf, sizeof buf, "step %d", j);
    s += buf;
}

}  // namespace

void Program::assign(OffsetSpace space, int noutputs, int output_everything, std::vector<Node> nodes,
                     std::vector<uint32_t> values, std::vector<Target> yes) {
    space_ = space;
    noutputs_ = noutputs;
    nodes_ = std::move(nodes);
    values_ = std::move(values);
    yes_ = std::move(yes);
    output_everything_ = nodes_.empty() ? output_everything : -1;
    safe_length_ = 0;
    for (const Node& n : nodes_)
        safe_length_ = std::max<uint32_t>(safe_length_, n.offset + n.need);
}

Program::Target Program::branch(const Node& n, uint32_t word) const {
    const uint32_t* v = values_.data() + n.first_value;
    if (n.nvalues < kBinarySearchMin) {
        for (uint32_t i = 0; i < n.nvalues; ++i)
            if (v[i] == word)
                return yes_[n.first_value + i];
        return n.no;
    }
    const uint32_t* it = std::lower_bound(v, v + n.nvalues, word);
    return it != v + n.nvalues && *it == word ? yes_[it - values_.data()] : n.no;
}

int Program::to_port(Target t) const {
    const int64_t port = -int64_t(t);
    return port < noutputs_ ? int(port) : -1;
}

template <class Frame>
Program::Target Program::run(const Frame& f) const {
    const Node* n = nodes_.data();
    for (;;) {
        Target t;
        if (f.long_enough(n->offset, n->need))
            t = branch(*n, f.load(n->offset) & n->mask);
        else
            t = n->short_yes ? n->yes : n->no;
        if (t <= 0)
            return t;
        n = nodes_.data() + t;
    }
}

int Program::match(const PacketView& p) const {
    if (output_everything_ >= 0)
        return output_everything_ < noutputs_ ? output_everything_ : -1;
    if (space_ == OffsetSpace::Packet)
        return to_port(run(PacketFrame{p.data, p.length}));
    return to_port(run(IpFrame(p)));
}

std::vector<bool> Program::reachable_outputs() const {
    std::vector<bool> used(noutputs_, false);
    auto mark = [&](Target t) {
        if (t <= 0 && -int64_t(t) < noutputs_)
            used[-t] = true;
    };
    if (nodes_.empty())
        mark(-output_everything_);
    for (const Node& n : nodes_) {
        if (n.short_yes)
            mark(n.yes);
        mark(n.no);
    }
    for (Target t : yes_)
        mark(t);
    return used;
}

std::string Program::unparse() const {
    // One step per (node, value), numbered as Click's CompressedProgram
    // prints them.
    std::vector<int> stepno(nodes_.size() + 1, 0);
    for (size_t i = 0; i < nodes_.size(); ++i)
        stepno[i + 1] = stepno[i] + int(nodes_[i].nvalues);
    auto step_of = [&](Target t) { return t > 0 ? Target(stepno[t]) : t; };

    std::string s;
    char buf[64];
    for (size_t i = 0; i < nodes_.size(); ++i) {
        const Node& n = nodes_[i];
        for (uint32_t k = 0; k < n.nvalues; ++k) {
            const int step = stepno[i] + int(k);
            const Target no = k + 1 < n.nvalues ? Target(step + 1) : step_of(n.no);
            const uint8_t* v = reinterpret_cast<const uint8_t*>(&values_[n.first_value + k]);
            const uint8_t* m = reinterpret_cast<const uint8_t*>(&n.mask);
            std::snprintf(buf, sizeof buf, "%s%d %3d/%02x%02x%02x%02x%%%02x%02x%02x%02x  yes->", step < 10 ? " " : "",
                          step, n.offset, v[0], v[1], v[2], v[3], m[0], m[1], m[2], m[3]);
            s += buf;
            append_jump(s, step_of(yes_[n.first_value + k]));
            s += "  no->";
            append_jump(s, no);
            if (n.short_yes)
                s += "  short->yes";
            s += '\n';
        }
    }
    if (nodes_.empty()) {
        std::snprintf(buf, sizeof buf, "all->[%d]\n", output_everything_);
        s += buf;
    }
    s += "safe length " + std::to_string(safe_length_) + "\n";
    s += "alignment offset 0\n";
    return s;
}

std::string Diagnostics::joined_errors() const {
    std::string s;
    for (const std::string& e : errors) {
        if (!s.empty())
            s += '\n';
        s += e;
    }
    return s;
}

}  // namespace netserv::classify
