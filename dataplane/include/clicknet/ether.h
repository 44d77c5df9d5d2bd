/* -*- c -*- Ethernet and ARP layouts, as in Click's <clicknet/ether.h>. */
#ifndef NETSERV_CLICKNET_ETHER_H
#define NETSERV_CLICKNET_ETHER_H
#include <stdint.h>

/* | dst (6) | src (6) | type (2) |  = 14 bytes */
struct click_ether {
  uint8_t ether_dhost[6];
  uint8_t ether_shost[6];
  uint16_t ether_type;
} __attribute__((packed));

#define ETHERTYPE_IP 0x0800
#define ETHERTYPE_ARP 0x0806
#define ETHERTYPE_TRAIL 0x1000
#define ETHERTYPE_8021Q 0x8100
#define ETHERTYPE_IP6 0x86DD

/* ARP header: hrd(2) pro(2) hln(1) pln(1) op(2) = 8 bytes */
struct click_arp {
  uint16_t ar_hrd;
  uint16_t ar_pro;
  uint8_t ar_hln;
  uint8_t ar_pln;
  uint16_t ar_op;
} __attribute__((packed));
#define ARPHRD_ETHER 1
#define ARPOP_REQUEST 1
#define ARPOP_REPLY 2

/* ARP for IPv4 over Ethernet: header(8) sha(6) spa(4) tha(6) tpa(4) = 28 bytes */
struct click_ether_arp {
  struct click_arp ea_hdr;
  uint8_t arp_sha[6];
  uint8_t arp_spa[4];
  uint8_t arp_tha[6];
  uint8_t arp_tpa[4];
} __attribute__((packed));
#endif
