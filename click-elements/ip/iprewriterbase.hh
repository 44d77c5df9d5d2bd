// -*- c++ -*-
// The rewriter family's shared machinery (not an element): input specs
// (drop, pass, keep, pattern), patterns, the flow table of forward and
// reverse mappings, and header rewriting with incremental checksums.
// IPRewriter, TCPRewriter, UDPRewriter, IPAddrRewriter and
// IPAddrPairRewriter are this with a flow key of their own.
#ifndef NETSERV_IPREWRITERBASE_HH
#define NETSERV_IPREWRITERBASE_HH
#include <click/element.hh>
#include <click/ipaddress.hh>
#include <map>
#include <memory>
#include <tuple>
CLICK_DECLS

/** A rewriting pattern "SADDR SPORT DADDR DPORT" (or "SADDR DADDR" for the
 *  address rewriters). `-' keeps a field; SADDR may be a range A-B or a
 *  prefix A/N (its host addresses); SPORT a range L-H, `#' = sequential. */
struct RewritePattern {
  bool saddr_set = false, sport_set = false, daddr_set = false, dport_set = false, sequential = false;
  uint32_t saddr_lo = 0, saddr_hi = 0;   // host order
  uint16_t sport_lo = 0, sport_hi = 0;
  IPAddress daddr;
  uint16_t dport = 0;
  uint32_t next = 0;                     // sequential: next offset into the range
  String unparse(bool with_ports) const;
  /** Parses the words; on error returns the name of the bad field ("source port"). */
  static const char* parse(const Vector<String>& w, bool with_ports, RewritePattern& out);
  uint64_t space() const { return uint64_t(saddr_hi - saddr_lo + 1) * (sport_set ? uint64_t(sport_hi - sport_lo + 1) : 1); }
};

/** Named patterns shared by rewriters: IPRewriterPatterns(NAME SADDR SPORT DADDR DPORT, ...). */
class PatternTable {
 public:
  virtual ~PatternTable() = default;
  virtual std::shared_ptr<RewritePattern> pattern(const String& name) const = 0;
};

class IPRewriterBase : public Element {
 public:
  // Flow: protocol, source, source port, destination, destination port (network order)
  typedef std::tuple<uint8_t, uint32_t, uint16_t, uint32_t, uint16_t> Flow;
  enum Mode { M_PORTS, M_ADDR, M_ADDRPAIR };
  const char* port_count() const override { return "1-/1-"; }
  const char* processing() const override { return PUSH; }
  int configure(Vector<String>& conf, ErrorHandler* errh) override;
  void add_handlers() override;
  void push(int port, Packet* p) override;

 protected:
  virtual Mode mode() const { return M_PORTS; }
  /** Protocols handled (IPRewriter: TCP and UDP). */
  virtual bool handles(int proto) const { return proto == 6 || proto == 17; }

 private:
  enum SpecKind { S_DROP, S_PASS, S_KEEP, S_PATTERN };
  struct Spec { SpecKind kind = S_DROP; int fout = 0, rout = 0; std::shared_ptr<RewritePattern> pat; String text; };
  struct Mapping { Flow to; int output; };
  Vector<Spec> specs_;
  std::map<Flow, Mapping> table_;
  uint64_t nmappings_ = 0;
  uint32_t capacity_ = 0;   // 0: unlimited
  int parse_spec(const String& text, int i, Spec& s, ErrorHandler* errh);
  Flow key_of(const Packet* p) const;
  Flow reply(const Flow& f) const;
  bool in_use(const Flow& f) const { return table_.count(reply(f)) != 0; }
  bool choose(RewritePattern& pat, const Flow& from, Flow& to);
  void rewrite(WritablePacket* p, const Flow& to);
  String unparse_table() const;
};

CLICK_ENDDECLS
#endif
