/*
 * netserv-chan-load — the engine's end of one packet channel, as a load source
 * for benchmarks: listens on DEVDIR/fromclickNAME and DEVDIR/toclickNAME like
 * netserv-click's ToUserDevice/FromUserDevice, and once a peer (a container, or
 * netserv-chan-echo) has connected both, keeps WINDOW packets of SIZE bytes in
 * flight for SECONDS: it sends a batch whenever fewer are outstanding and counts
 * what comes back. Prints "pps <received per second> sent <n> received <n>".
 * Closed-loop: it measures the peer's saturation throughput, never overruns it.
 *
 *   netserv-chan-load -d DEVDIR -n NAME [-s SIZE] [-t SECONDS] [-w WINDOW] [-b BATCH]
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int listen_at(const char *dir, const char *prefix, const char *name) {
  struct sockaddr_un sa = {.sun_family = AF_UNIX};
  snprintf(sa.sun_path, sizeof sa.sun_path, "%s/%s%s", dir, prefix, name);
  unlink(sa.sun_path);
  int fd = socket(AF_UNIX, SOCK_SEQPACKET, 0);
  if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0 || listen(fd, 1) < 0) {
    perror(sa.sun_path);
    exit(1);
  }
  return fd;
}

static void make_packet(uint8_t *p, int size) {
  memset(p, 0, (size_t)size);
  p[0] = 0x45;
  *(uint16_t *)(p + 2) = htons((uint16_t)size);
  p[8] = 64;
  p[9] = 17;
  *(uint32_t *)(p + 12) = htonl(0x0a4d0101);
  *(uint32_t *)(p + 16) = htonl(0x0a4d0201);
  uint32_t sum = 0;
  for (int i = 0; i < 20; i += 2) sum += (uint32_t)(p[i] << 8 | p[i + 1]);
  while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
  *(uint16_t *)(p + 10) = htons((uint16_t)~sum);
  *(uint16_t *)(p + 20) = htons(40000);
  *(uint16_t *)(p + 22) = htons(5000);
  *(uint16_t *)(p + 24) = htons((uint16_t)(size - 20));
}

int main(int argc, char **argv) {
  const char *dir = NULL, *name = "0";
  int size = 64, window = 256, batch = 32, opt;
  double seconds = 5;
  while ((opt = getopt(argc, argv, "d:n:s:t:w:b:")) != -1) {
    switch (opt) {
    case 'd': dir = optarg; break;
    case 'n': name = optarg; break;
    case 's': size = atoi(optarg); break;
    case 't': seconds = atof(optarg); break;
    case 'w': window = atoi(optarg); break;
    case 'b': batch = atoi(optarg); break;
    default:
      fprintf(stderr, "usage: %s -d DEVDIR -n NAME [-s SIZE] [-t SECONDS] [-w WINDOW] [-b BATCH]\n", argv[0]);
      return 2;
    }
  }
  if (!dir || size < 28 || size > 9000 || window < 1 || batch < 1 || batch > 256) {
    fprintf(stderr, "%s: need -d DEVDIR; SIZE 28..9000, WINDOW >= 1, BATCH 1..256\n", argv[0]);
    return 2;
  }
  int lf = listen_at(dir, "fromclick", name), lt = listen_at(dir, "toclick", name);
  printf("listening\n");
  fflush(stdout);
  int to_peer = accept(lf, NULL, NULL), from_peer = accept(lt, NULL, NULL);
  if (to_peer < 0 || from_peer < 0) {
    perror("accept");
    return 1;
  }
  uint8_t pkt[9000], rx[256][2048];
  make_packet(pkt, size);
  struct mmsghdr tx_m[256], rx_m[256];
  struct iovec tx_v[256], rx_v[256];
  for (int i = 0; i < 256; i++) {
    tx_v[i] = (struct iovec){pkt, (size_t)size};
    rx_v[i] = (struct iovec){rx[i], sizeof rx[i]};
    memset(&tx_m[i], 0, sizeof tx_m[i]);
    memset(&rx_m[i], 0, sizeof rx_m[i]);
    tx_m[i].msg_hdr.msg_iov = &tx_v[i];
    tx_m[i].msg_hdr.msg_iovlen = 1;
    rx_m[i].msg_hdr.msg_iov = &rx_v[i];
    rx_m[i].msg_hdr.msg_iovlen = 1;
  }
  long sent = 0, received = 0;
  double start = now(), end = start + seconds;
  while (now() < end) {
    long room = window - (sent - received);
    if (room > 0) {
      int k = room < batch ? (int)room : batch;
      int n = sendmmsg(to_peer, tx_m, (unsigned)k, MSG_DONTWAIT);
      if (n > 0) sent += n;
    }
    struct pollfd p = {.fd = from_peer, .events = POLLIN};
    if (poll(&p, 1, room > 0 ? 0 : 100) > 0) {
      int n = recvmmsg(from_peer, rx_m, (unsigned)batch, MSG_DONTWAIT, NULL);
      if (n > 0) received += n;
      if (n == 0 || (p.revents & POLLHUP)) break;
    }
  }
  double t = now() - start;
  printf("pps %.0f sent %ld received %ld seconds %.2f\n", received / t, sent, received, t);
  close(to_peer);
  close(from_peer);
  return 0;
}
