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
#include <set>
#include <tuple>
#include <vector>
CLICK_DECLS

/** A rewriting pattern "SADDR SPORT DADDR DPORT" (or "SADDR DADDR" for the
 *  address rewriters). `-' keeps a field; SADDR may be a range A-B or a
 *  prefix A/N (its host addresses); SPORT a range L-H, `#' = sequential. */
struct RewritePattern {
  bool saddr_set = false, sport_set = false, daddr_set = false, dport_set = false, sequential = false;
  bool same_first = true;   // try the flow's own source port first (not with '#' or '?')
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

typedef std::tuple<uint8_t, uint32_t, uint16_t, uint32_t, uint16_t> IPRewriterBase_Flow;   // proto, src, sport, dst, dport (network order)

/** Named patterns shared by rewriters: IPRewriterPatterns(NAME SADDR SPORT DADDR DPORT, ...). */
class PatternTable {
 public:
  virtual ~PatternTable() = default;
  virtual std::shared_ptr<RewritePattern> pattern(const String& name) const = 0;
};

class IPRewriterBase;

/** One flow: its forward and reply keys, how each direction is rewritten,
 *  and when it may be forgotten. A flow is guaranteed (it cannot be evicted
 *  for a new flow) until its guarantee runs out, then best-effort. */
struct RewriterFlow {
  IPRewriterBase* owner = nullptr;
  int input = 0;                   // the input spec that created it
  uint8_t proto = 0;
  IPRewriterBase_Flow key[2];      // [0] forward, [1] reply
  IPRewriterBase_Flow to[2];       // rewritten flow per direction
  int output[2] = {0, 0};
  bool guaranteed = false;
  int64_t expiry = 0;              // ms on the driver's (steady) clock
  uint64_t serial = 0;             // ties between equal expiries: older first
  uint8_t reply_anno = 0;          // REPLY_ANNO: the creating packet's annotation, given to replies
  uint8_t tflags = 0;              // TCP: done/data bits; UDP: packet count and reply bit
  /** TCP sequence number changes per direction: from `trigger` on, add `delta` (cumulative). */
  struct SeqDelta { uint32_t trigger; int32_t delta; };
  std::vector<SeqDelta> seq_deltas[2];
  int32_t seq_base[2] = {0, 0};    // delta before the first transition (old transitions folded in)
  bool moves_seq() const { return seq_base[0] || seq_base[1] || !seq_deltas[0].empty() || !seq_deltas[1].empty(); }
  /** Once sequence numbers of `dir` run 1G past the last transition, it no longer matters where it was. */
  void retire_seq_deltas(int dir, uint32_t seq);
  /** From sequence number `trigger` on (direction dir), data moves by `d` more bytes. */
  bool add_seq_delta(int dir, uint32_t trigger, int32_t d);
  uint32_t new_seq(int dir, uint32_t seq) const;
  uint32_t new_ack(int dir, uint32_t ack) const;
};

/** The flows of one or more rewriters (MAPPING_CAPACITY ELEMENT shares it):
 *  a guaranteed and a best-effort heap, each ordered by expiry. */
struct RewriterHeap {
  struct ByExpiry {
    bool operator()(const RewriterFlow* a, const RewriterFlow* b) const {
      return a->expiry != b->expiry ? a->expiry < b->expiry : a->serial < b->serial;
    }
  };
  std::set<RewriterFlow*, ByExpiry> heap[2];   // [0] best effort, [1] guaranteed
  int64_t capacity = 0x7FFFFFFF;
  uint64_t next_serial = 0;
  size_t size() const { return heap[0].size() + heap[1].size(); }
};

/** Decides new flows for a rewriter input whose spec names it (Click's
 *  IPMapper; RoundRobinIPMapper). */
class IPMapper {
 public:
  virtual ~IPMapper() = default;
  /** The rewritten flow and outputs for the new flow `from`; false: drop it. */
  virtual bool map_flow(IPRewriterBase* rw, const IPRewriterBase_Flow& from, IPRewriterBase_Flow& to, int& fout, int& rout) = 0;
};

class IPRewriterBase : public Element {
 public:
  typedef IPRewriterBase_Flow Flow;
  enum Mode { M_PORTS, M_ADDR, M_ADDRPAIR, M_ICMPPING };   // M_ICMPPING: echo identifiers as ports
  /** How a flow times out: TCP connection state, UDP streaming, or plain (address rewriters). */
  enum FlowKind { K_TCP, K_UDP, K_PLAIN };
  const char* port_count() const override { return "1-/1-"; }
  const char* processing() const override { return PUSH; }
  void* cast(const char* n) override;
  int configure(Vector<String>& conf, ErrorHandler* errh) override;
  void cleanup(CleanupStage) override;
  void add_handlers() override;
  void push(int port, Packet* p) override;
  /** Forgets a flow: out of the heap and both owners' tables. */
  void destroy(RewriterFlow* f);
  /** The flow holding table key `key` (protocol first, as key_of makes it), or
   *  null; `dir` gets which direction of the flow the key is (ICMPRewriter). */
  RewriterFlow* find_flow(const Flow& key, int& dir) const {
    auto it = table_.find(key);
    if (it == table_.end()) return nullptr;
    dir = it->second.dir;
    return it->second.flow;
  }
  Mode rewriter_mode() const { return mode(); }
  /** The flow holding `key`, or else a new one made by input spec `input` as
   *  if a packet of `key` arrived there (-1: none); null when there is none. */
  RewriterFlow* flow_for(const Flow& key, int input, int& dir);
  /** A free rewritten flow for `from` by `pat` (for mappers); false when none is left. */
  bool choose_flow(RewritePattern& pat, const Flow& from, Flow& to) { return choose(pat, from, to); }

 protected:
  virtual Mode mode() const { return M_PORTS; }
  /** Protocols handled (IPRewriter: TCP and UDP). */
  virtual bool handles(int proto) const { return proto == 6 || proto == 17; }
  virtual FlowKind kind_of(int proto) const { return mode() != M_PORTS ? K_PLAIN : proto == 6 ? K_TCP : K_UDP; }
  /** Which keyword TIMEOUT / GUARANTEE set: UDPRewriter's mean UDP. */
  virtual bool plain_timeout_is_udp() const { return false; }

 private:
  enum SpecKind { S_DROP, S_PASS, S_KEEP, S_PATTERN, S_MAPPER };
  struct Spec {
    SpecKind kind = S_DROP; int fout = 0, rout = 0; std::shared_ptr<RewritePattern> pat; IPMapper* mapper = nullptr; String text;
    uint32_t count = 0, failures = 0;
  };
  struct Entry { RewriterFlow* flow; int dir; };
  struct Timeouts {   // seconds
    uint32_t tcp_nodata = 300, tcp_data = 86400, tcp_done = 240, tcp_guarantee = 5;
    uint32_t udp = 300, udp_streaming = 300, udp_guarantee = 5;
    uint32_t plain = 300, plain_guarantee = 5;
  };
  Vector<Spec> specs_;
  std::map<Flow, Entry> table_;
  std::shared_ptr<RewriterHeap> heap_ = std::make_shared<RewriterHeap>();
  Timeouts to_;
  int reply_anno_ = -1;   // REPLY_ANNO offset, -1: none
  int parse_spec(const String& text, int i, Spec& s, ErrorHandler* errh);
  Flow key_of(const Packet* p) const;
  Flow reply(const Flow& f) const;
  bool in_use(const Flow& f) const { return table_.count(reply(f)) != 0; }
  bool choose(RewritePattern& pat, const Flow& from, Flow& to);
  void rewrite(WritablePacket* p, const Flow& to);
  void rewrite_ping(WritablePacket* p, const Flow& to, int dir);
  void apply_seq(WritablePacket* p, RewriterFlow* f, int dir);
  RewriterFlow* make_flow(int port, uint8_t proto, const Flow& k);
  RewriterFlow* add_flow(int input, uint8_t proto, const Flow& from, const Flow& to, int fout, int rout);
  void track(RewriterFlow* f, int dir, const Packet* p);
  int64_t guarantee_ms(const RewriterFlow* f) const;
  int64_t timeout_ms(const RewriterFlow* f) const;   // best-effort lifetime after a packet
  void set_expiry(RewriterFlow* f, bool guaranteed, int64_t expiry);
  void shift_best_effort(int64_t now);
  void shrink(bool all);
  String unparse_table(int proto) const;
  String unparse_flow(const Flow& f) const;
  String lookup(int proto, const String& param, ErrorHandler* errh) const;
};

CLICK_ENDDECLS
#endif
