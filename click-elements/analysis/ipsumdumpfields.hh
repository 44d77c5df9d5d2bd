// -*- c++ -*-
// The fields of Click's IP summary dump format (ASCII "!data" files), shared
// by FromIPSummaryDump and ToIPSummaryDump: one table knows every field name,
// how to print it from a packet and how to build a packet from it.
#ifndef NETSERV_IPSUMDUMPFIELDS_HH
#define NETSERV_IPSUMDUMPFIELDS_HH
#include <click/glue.hh>
#include <click/packet.hh>
CLICK_DECLS

namespace ipsum {

enum Field {
  F_TIMESTAMP, F_TS_SEC, F_TS_USEC, F_TS_USEC1, F_FIRST_TIMESTAMP, F_SRC, F_DST, F_SPORT, F_DPORT,
  F_PROTO, F_LEN, F_IP_ID, F_IP_TOS, F_IP_TTL, F_IP_HL, F_IP_ECN, F_IP_FRAG, F_IP_FRAGOFF,
  F_IP_CAPTURE_LEN, F_IP_OPT, F_TCP_SEQ, F_TCP_ACK, F_TCP_FLAGS, F_TCP_WINDOW, F_TCP_URP,
  F_TCP_OFF, F_TCP_OPT, F_TCP_NTOPT, F_TCP_SACK, F_UDP_LEN, F_PAYLOAD, F_PAYLOAD_LEN,
  F_PAYLOAD_MD5, F_PAYLOAD_MD5_HEX, F_COUNT, F_LINK, F_DIRECTION, F_PAINT, F_AGGREGATE,
  F_ICMP_TYPE, F_ICMP_CODE, F_ICMP_TYPE_NAME, F_ICMP_CODE_NAME, F_ICMP_FLOWID, F_ICMP_SEQ,
  F_WIRE_LEN, F_NONE
};

/** The field a name (or alias, e.g. "ip_src", "ts") stands for; F_NONE if unknown. */
Field parse_field(const String& name);
/** The canonical name ("src", "timestamp"). */
const char* field_name(Field f);

/** Appends field f of p (an IP packet; network header set) to out; "-" when
 *  the packet does not hold it. */
void unparse(Field f, const Packet* p, String& out);

/** Values of one line, applied to a packet being built. */
struct Record {
  bool have[F_NONE + 1] = {};
  String text[F_NONE + 1];
};
/** Builds the packet a record describes (IPv4, header length 5 plus options;
 *  transport header by protocol). default_proto when no proto field. Returns
 *  null and an error message when a value does not parse. */
WritablePacket* build(const Record& r, int default_proto, bool checksum, String& error);

}  // namespace ipsum

CLICK_ENDDECLS
#endif
