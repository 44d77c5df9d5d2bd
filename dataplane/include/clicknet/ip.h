/* -*- c -*- IPv4 header layouts, as in Click's <clicknet/ip.h>. All multi-byte
 * fields are in network byte order. */
#ifndef NETSERV_CLICKNET_IP_H
#define NETSERV_CLICKNET_IP_H
#include <stdint.h>
#include <netinet/in.h>

/*  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-------+-------+---------------+-------------------------------+
 * |version|  IHL  |Type of Service|          Total Length         |  0
 * +-------+-------+---------------+-----+-------------------------+
 * |         Identification        |Flags|      Fragment Offset    |  4
 * +---------------+---------------+-----+-------------------------+
 * |  Time to Live |    Protocol   |         Header Checksum       |  8
 * +---------------+---------------+-------------------------------+
 * |                       Source Address                          | 12
 * +---------------------------------------------------------------+
 * |                    Destination Address                        | 16
 * +---------------------------------------------------------------+ */
struct click_ip {
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  unsigned ip_hl : 4;
  unsigned ip_v : 4;
#else
  unsigned ip_v : 4;
  unsigned ip_hl : 4;
#endif
  uint8_t ip_tos;
  uint16_t ip_len;
  uint16_t ip_id;
  uint16_t ip_off;
#define IP_RF 0x8000
#define IP_DF 0x4000
#define IP_MF 0x2000
#define IP_OFFMASK 0x1FFF
  uint8_t ip_ttl;
  uint8_t ip_p;
  uint16_t ip_sum;
  struct in_addr ip_src;
  struct in_addr ip_dst;
} __attribute__((packed));

#define IP_PROTO_ICMP 1
#define IP_PROTO_IGMP 2
#define IP_PROTO_TCP 6
#define IP_PROTO_UDP 17
#define IP_PROTO_TCP_OR_UDP 256
#define IP_PROTO_TRANSP 257

#define IP_ISFRAG(iph) (((iph)->ip_off & htons(IP_MF | IP_OFFMASK)) != 0)
#define IP_FIRSTFRAG(iph) (((iph)->ip_off & htons(IP_OFFMASK)) == 0)
#define IP_DSCPMASK 0xFC
#define IP_ECNMASK 0x03
#define IPOPT_EOL 0
#define IPOPT_NOP 1
#define IPOPT_RR 7
#define IPOPT_TS 68
#define IPOPT_LSRR 131
#define IPOPT_SSRR 137

/* UDP:  src port | dst port | length | checksum (8 bytes) */
struct click_udp {
  uint16_t uh_sport;
  uint16_t uh_dport;
  uint16_t uh_ulen;
  uint16_t uh_sum;
} __attribute__((packed));

/* TCP: ports(4) seq(4) ack(4) off/flags(2) win(2) sum(2) urp(2) */
struct click_tcp {
  uint16_t th_sport;
  uint16_t th_dport;
  uint32_t th_seq;
  uint32_t th_ack;
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  unsigned th_flags2 : 4;
  unsigned th_off : 4;
#else
  unsigned th_off : 4;
  unsigned th_flags2 : 4;
#endif
  uint8_t th_flags;
#define TH_FIN 0x01
#define TH_SYN 0x02
#define TH_RST 0x04
#define TH_PUSH 0x08
#define TH_ACK 0x10
#define TH_URG 0x20
#define TH_ECE 0x40
#define TH_CWR 0x80
  uint16_t th_win;
  uint16_t th_sum;
  uint16_t th_urp;
} __attribute__((packed));

/* ICMP: type(1) code(1) cksum(2) then 4 type-specific bytes */
struct click_icmp {
  uint8_t icmp_type;
  uint8_t icmp_code;
  uint16_t icmp_cksum;
  uint32_t padding;
} __attribute__((packed));
struct click_icmp_sequenced {
  uint8_t icmp_type;
  uint8_t icmp_code;
  uint16_t icmp_cksum;
  uint16_t icmp_identifier;
  uint16_t icmp_sequence;
} __attribute__((packed));
typedef struct click_icmp_sequenced click_icmp_echo;
struct click_icmp_paramprob {
  uint8_t icmp_type;
  uint8_t icmp_code;
  uint16_t icmp_cksum;
  uint8_t icmp_pointer;
  uint8_t padding[3];
} __attribute__((packed));
struct click_icmp_redirect {
  uint8_t icmp_type;
  uint8_t icmp_code;
  uint16_t icmp_cksum;
  struct in_addr icmp_gateway;
} __attribute__((packed));

#define ICMP_ECHOREPLY 0
#define ICMP_UNREACH 3
#define ICMP_SOURCEQUENCH 4
#define ICMP_REDIRECT 5
#define ICMP_ECHO 8
#define ICMP_TIMXCEED 11
#define ICMP_PARAMPROB 12
#define ICMP_TSTAMP 13
#define ICMP_TSTAMPREPLY 14
#define ICMP_IREQ 15
#define ICMP_IREQREPLY 16
#define ICMP_MASKREQ 17
#define ICMP_MASKREQREPLY 18
#define ICMP_UNREACH_NET 0
#define ICMP_UNREACH_HOST 1
#define ICMP_UNREACH_PROTOCOL 2
#define ICMP_UNREACH_PORT 3
#define ICMP_UNREACH_NEEDFRAG 4
#define ICMP_UNREACH_SRCFAIL 5
#define ICMP_UNREACH_NET_UNKNOWN 6
#define ICMP_UNREACH_HOST_UNKNOWN 7
#define ICMP_UNREACH_ISOLATED 8
#define ICMP_UNREACH_NET_PROHIB 9
#define ICMP_UNREACH_HOST_PROHIB 10
#define ICMP_UNREACH_TOSNET 11
#define ICMP_UNREACH_TOSHOST 12
#define ICMP_UNREACH_FILTER_PROHIB 13
#define ICMP_UNREACH_HOST_PRECEDENCE 14
#define ICMP_UNREACH_PRECEDENCE_CUTOFF 15
#define ICMP_REDIRECT_NET 0
#define ICMP_REDIRECT_HOST 1
#define ICMP_REDIRECT_TOSNET 2
#define ICMP_REDIRECT_TOSHOST 3
#define ICMP_TIMXCEED_TRANSIT 0
#define ICMP_TIMXCEED_REASSEMBLY 1
#define ICMP_PARAMPROB_ERRATPTR 0
#define ICMP_PARAMPROB_OPTABSENT 1
#define ICMP_PARAMPROB_LENGTH 2
#endif
