// program.hh -- compiled packet-classification programs for Classifier,
// IPClassifier and IPFilter.
//
// A pattern list compiles into a decision DAG over 32-bit packet words, the
// structure Click uses (elements/standard/classification.{cc,hh}, Eddie
// Kohler; Copyright (c) 1999-2000 MIT, 2000 Mazu Networks, 2008 Regents of
// the University of California, 2010 Meraki; MIT-like Click license).  Each
// node loads the word at an offset, ANDs it with a mask and tests it against
// one value or a sorted set of values; the yes/no edges lead to another node
// or to an output.  match() walks that DAG: no allocation, no string work.
//
// Offsets.  Classifier offsets count from the first byte of the packet.
// IPFilter offsets live in Click's three-region space so one program can test
// link, network and transport headers:
//
//      0 .. 255   MAC header - 2 + offset   (ether host tests)
//    256 .. 511   IP header + (offset - 256)
//    512 ..       transport header + (offset - 512)  (after IP options)
//
// Short packets.  A test that needs bytes the packet does not have takes its
// node's "short" branch, fixed at compile time exactly as Click fixes it, so
// truncated packets, non-first fragments and packets without a transport
// header classify as they do in Click.
#ifndef NETSERV_CLASSIFY_PROGRAM_HH
#define NETSERV_CLASSIFY_PROGRAM_HH
#include <cstdint>
#include <string>
#include <vector>

namespace netserv::classify {

struct PacketView {
    const uint8_t* data;
    uint32_t length;
    int32_t network_offset;          // -1 if unset (IP programs then see a 0-byte packet)
    int32_t transport_offset = -1;   // -1: network_offset + 4 * IHL, as CheckIPHeader sets it
    int32_t mac_offset = -1;         // -1 if unset (ether host tests then see a short packet)
};

// Where a program's offsets point; see the header comment.
enum class OffsetSpace : uint8_t { Packet, IpRegions };

class Program {
  public:
    // A jump target: > 0 is a node index (always forward), <= 0 is -(output).
    using Target = int32_t;
    static constexpr Target kNever = -2147483647;  // Click's j_never: drop

    // A node is a multiway branch on one masked word: value k leads to
    // yes_[first_value + k]; any other value leads to 'no'.  A chain of
    // Click steps "x == a ? A : x == b ? B : ... : N" on one word becomes
    // one node, binary searched when it is long.
    struct Node {
        uint16_t offset;     // word offset in the program's OffsetSpace
        uint8_t need;        // bytes of the word the mask touches (1..4)
        uint8_t short_yes;   // packet too short: go to 'yes' (else 'no')
        uint32_t mask;       // in packet byte order: memcpy'd word & mask
        uint32_t first_value;
        uint32_t nvalues;    // values_[first_value, +nvalues), sorted when large
        Target yes;          // the short branch when short_yes (all values agree then)
        Target no;
    };

    Program() = default;

    // Output port for the packet, or -1 to drop it.
    int match(const PacketView& p) const;

    int noutputs() const { return noutputs_; }
    OffsetSpace space() const { return space_; }

    // Click's "program" handler text: one line per (node, value) step,
    // "safe length" and "alignment offset" lines.
    std::string unparse() const;

    // Program structure, for tests and tools.
    const std::vector<Node>& nodes() const { return nodes_; }
    int output_everything() const { return output_everything_; }

    const std::vector<uint32_t>& values() const { return values_; }
    // Outputs some packet can reach (Click's "output N matches no packets").
    std::vector<bool> reachable_outputs() const;
    const std::vector<Target>& value_targets() const { return yes_; }

    // Used by the compiler (builder.cc).
    void assign(OffsetSpace space, int noutputs, int output_everything,
                std::vector<Node> nodes, std::vector<uint32_t> values, std::vector<Target> yes);

  private:
    static constexpr uint32_t kBinarySearchMin = 7;   // also in Builder::finish

    OffsetSpace space_ = OffsetSpace::Packet;
    int noutputs_ = 0;
    int output_everything_ = -kNever;   // >= 0: every packet goes there
    uint32_t safe_length_ = 0;
    std::vector<Node> nodes_;
    std::vector<uint32_t> values_;
    std::vector<Target> yes_;

    Target branch(const Node& n, uint32_t word) const;
    int to_port(Target t) const;
    template <class Frame>
    Target run(const Frame& f) const;
};

// Diagnostics in Click's words, without the element prefix the element layer adds.
struct Diagnostics {
    std::vector<std::string> errors;
    std::vector<std::string> warnings;
    std::string joined_errors() const;   // errors separated by '\n'
};

// Classifier(PATTERN, ...): one output per pattern.
bool compile_classifier(const std::vector<std::string>& args, Program& out, std::string& err);
bool compile_classifier(const std::vector<std::string>& args, Program& out, Diagnostics& diag);

// IPClassifier(PATTERN, ...): one output per pattern.
bool compile_ipclassifier(const std::vector<std::string>& args, Program& out, std::string& err);
bool compile_ipclassifier(const std::vector<std::string>& args, Program& out, Diagnostics& diag);

// IPFilter(ACTION PATTERN, ...) for an element with NOUTPUTS outputs.
bool compile_ipfilter(const std::vector<std::string>& args, int noutputs, Program& out, std::string& err);
bool compile_ipfilter(const std::vector<std::string>& args, int noutputs, Program& out, Diagnostics& diag);

// The "hits" handler of Classifier, IPClassifier and IPFilter: one line per
// output, "OUTPUT COUNT", the packets the element has sent to that output
// since it was created (a configuration rewrite keeps them: output k is
// still output k).
inline std::string unparse_hits(const std::vector<uint64_t>& hits) {
    std::string s;
    for (size_t i = 0; i < hits.size(); ++i) s += std::to_string(i) + " " + std::to_string(hits[i]) + "\n";
    return s;
}

}  // namespace netserv::classify
#endif
