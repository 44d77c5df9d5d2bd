/* tpacket-fwd — the benchmark's reference user-space forwarder: the ceiling an
 * AF_PACKET path reaches here, measured in the same run as netserv-click.
 *
 *   netserv-tpacket-fwd IN OUT DST_MAC [BURST]
 *
 * Receives on IN through a TPACKET_V3 ring (as FromDevice), rewrites each IPv4
 * frame as a router would (Ethernet destination DST_MAC, source OUT's address,
 * TTL - 1 with the checksum updated incrementally, RFC 1624) and sends it on
 * OUT, up to BURST frames (default 32) per sendmmsg with PACKET_QDISC_BYPASS.
 * Non-IPv4 frames and expiring TTLs are dropped. Prints its counters on SIGTERM.
 *
 * TPACKET_V3 receive ring (linux/if_packet.h):
 *   ring: | block 0 | block 1 | ... |        each BLOCK bytes
 *   block: | tpacket_block_desc (block_status, num_pkts, offset_to_first_pkt)
 *          | tpacket3_hdr + frame | tpacket3_hdr + frame | ...  (tp_next_offset)
 * A block is ours while block_status has TP_STATUS_USER; writing
 * TP_STATUS_KERNEL hands it back. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>

#define BLOCK_SIZE (1u << 15)
#define BLOCKS 64u
#define MAX_BURST 256

static volatile sig_atomic_t stop;
static void on_signal(int s) { (void)s; stop = 1; }

static int ifindex_of(const char *name) {
  int i = (int)if_nametoindex(name);
  if (!i) { fprintf(stderr, "tpacket-fwd: no interface %s\n", name); exit(2); }
  return i;
}

static void mac_of(int fd, const char *name, unsigned char mac[6]) {
  struct ifreq ifr;
  memset(&ifr, 0, sizeof ifr);
  snprintf(ifr.ifr_name, sizeof ifr.ifr_name, "%s", name);
  if (ioctl(fd, SIOCGIFHWADDR, &ifr) < 0) { perror("tpacket-fwd: SIOCGIFHWADDR"); exit(2); }
  memcpy(mac, ifr.ifr_hwaddr.sa_data, 6);
}

static int parse_mac(const char *s, unsigned char mac[6]) {
  unsigned v[6];
  if (sscanf(s, "%x:%x:%x:%x:%x:%x", &v[0], &v[1], &v[2], &v[3], &v[4], &v[5]) != 6) return -1;
  for (int i = 0; i < 6; ++i) mac[i] = (unsigned char)v[i];
  return 0;
}

static void bind_to(int fd, int ifindex, int protocol, const char *what) {
  struct sockaddr_ll sll;
  memset(&sll, 0, sizeof sll);
  sll.sll_family = AF_PACKET;
  sll.sll_protocol = htons((unsigned short)protocol);
  sll.sll_ifindex = ifindex;
  if (bind(fd, (struct sockaddr *)&sll, sizeof sll) < 0) { perror(what); exit(2); }
}

static unsigned char *open_rx(int ifindex, int *fdp) {
  int fd = socket(AF_PACKET, SOCK_RAW, 0);
  if (fd < 0) { perror("tpacket-fwd: socket"); exit(2); }
  int v = TPACKET_V3;
  struct tpacket_req3 req;
  memset(&req, 0, sizeof req);
  req.tp_block_size = BLOCK_SIZE;
  req.tp_block_nr = BLOCKS;
  req.tp_frame_size = 2048;
  req.tp_frame_nr = (BLOCK_SIZE / 2048) * BLOCKS;
  req.tp_retire_blk_tov = 2;
  if (setsockopt(fd, SOL_PACKET, PACKET_VERSION, &v, sizeof v) < 0 ||
      setsockopt(fd, SOL_PACKET, PACKET_RX_RING, &req, sizeof req) < 0) { perror("tpacket-fwd: rx ring"); exit(2); }
  unsigned char *ring = mmap(NULL, (size_t)BLOCK_SIZE * BLOCKS, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, fd, 0);
  if (ring == MAP_FAILED) { perror("tpacket-fwd: mmap"); exit(2); }
  bind_to(fd, ifindex, ETH_P_ALL, "tpacket-fwd: bind rx");
  *fdp = fd;
  return ring;
}

static int open_tx(int ifindex) {
  int fd = socket(AF_PACKET, SOCK_RAW, 0);
  if (fd < 0) { perror("tpacket-fwd: socket"); exit(2); }
  int one = 1, sb = 4 << 20;
  setsockopt(fd, SOL_PACKET, PACKET_QDISC_BYPASS, &one, sizeof one);
  if (setsockopt(fd, SOL_SOCKET, SO_SNDBUFFORCE, &sb, sizeof sb) < 0) setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &sb, sizeof sb);
  bind_to(fd, ifindex, ETH_P_IP, "tpacket-fwd: bind tx");
  return fd;
}

/* Router rewrite in place; 0 to send, -1 to drop. */
static int rewrite(unsigned char *f, unsigned len, const unsigned char dst[6], const unsigned char src[6]) {
  if (len < 34 || f[12] != 0x08 || f[13] != 0x00 || (f[14] >> 4) != 4) return -1;
  unsigned char *ip = f + 14;
  if (ip[8] <= 1) return -1;
  memcpy(f, dst, 6);
  memcpy(f + 6, src, 6);
  /* TTL - 1: the checksum word holding TTL changes by 0x0100 (RFC 1624) */
  ip[8]--;
  uint32_t sum = (uint32_t)((ip[10] << 8) | ip[11]) + 0x0100;
  sum = (sum & 0xFFFF) + (sum >> 16);
  ip[10] = (unsigned char)(sum >> 8);
  ip[11] = (unsigned char)sum;
  return 0;
}

int main(int argc, char **argv) {
  if (argc < 4) { fprintf(stderr, "usage: netserv-tpacket-fwd IN OUT DST_MAC [BURST]\n"); return 2; }
  unsigned char dst[6], src[6];
  if (parse_mac(argv[3], dst) < 0) { fprintf(stderr, "tpacket-fwd: bad MAC %s\n", argv[3]); return 2; }
  int burst = argc > 4 ? atoi(argv[4]) : 32;
  if (burst < 1 || burst > MAX_BURST) { fprintf(stderr, "tpacket-fwd: BURST 1..%d\n", MAX_BURST); return 2; }
  int rxfd, txfd = open_tx(ifindex_of(argv[2]));
  mac_of(txfd, argv[2], src);
  unsigned char *ring = open_rx(ifindex_of(argv[1]), &rxfd);
  signal(SIGTERM, on_signal);
  signal(SIGINT, on_signal);

  static struct mmsghdr msgs[MAX_BURST];
  static struct iovec iov[MAX_BURST];
  unsigned long long rx = 0, tx = 0, dropped = 0;
  unsigned block = 0;
  while (!stop) {
    struct tpacket_block_desc *bd = (struct tpacket_block_desc *)(ring + (size_t)block * BLOCK_SIZE);
    if (!(__atomic_load_n(&bd->hdr.bh1.block_status, __ATOMIC_ACQUIRE) & TP_STATUS_USER)) {
      struct pollfd p = {rxfd, POLLIN, 0};
      poll(&p, 1, 100);
      continue;
    }
    unsigned char *fr = (unsigned char *)bd + bd->hdr.bh1.offset_to_first_pkt;
    unsigned n = bd->hdr.bh1.num_pkts, k = 0;
    for (unsigned i = 0; i < n; ++i) {
      struct tpacket3_hdr *h = (struct tpacket3_hdr *)fr;
      ++rx;
      /* the frames are sent from the ring itself (zero copy): the block stays ours until they are gone */
      if (rewrite(fr + h->tp_mac, h->tp_snaplen, dst, src) == 0) {
        iov[k].iov_base = fr + h->tp_mac;
        iov[k].iov_len = h->tp_snaplen;
        memset(&msgs[k].msg_hdr, 0, sizeof msgs[k].msg_hdr);
        msgs[k].msg_hdr.msg_iov = &iov[k];
        msgs[k].msg_hdr.msg_iovlen = 1;
        ++k;
      } else ++dropped;
      if (k == (unsigned)burst || (i + 1 == n && k)) {
        unsigned off = 0;
        while (off < k) {
          int s = sendmmsg(txfd, msgs + off, k - off, 0);
          if (s < 0) { if (errno == EINTR) continue; dropped += k - off; break; }
          off += (unsigned)s;
        }
        tx += off;
        k = 0;
      }
      fr += h->tp_next_offset;
    }
    __atomic_store_n(&bd->hdr.bh1.block_status, TP_STATUS_KERNEL, __ATOMIC_RELEASE);
    block = (block + 1) % BLOCKS;
  }
  struct tpacket_stats_v3 st;
  socklen_t sl = sizeof st;
  memset(&st, 0, sizeof st);
  getsockopt(rxfd, SOL_PACKET, PACKET_STATISTICS, &st, &sl);
  printf("rx %llu tx %llu dropped %llu ring_drops %u\n", rx, tx, dropped, st.tp_drops);
  return 0;
}
