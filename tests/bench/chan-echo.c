/*
 * netserv-chan-echo — the C echo process of benchmark configuration 3 (paper
 * Figure 11: the container with its Java layer removed). It connects to a
 * netserv-click channel pair (DEVDIR/fromclickNAME, DEVDIR/toclickNAME) and sends
 * every packet it receives straight back, in batches, with no copy: the packet
 * path then costs exactly the kernel-user transitions and nothing else.
 *
 *   netserv-chan-echo [-d DEVDIR] [-n NAME] [-b BATCH] [-s SECONDS]
 *
 * It reconnects when the engine restarts, prints its counters on SIGINT/SIGTERM
 * or after SECONDS, and exits 0.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ns_channel.h"

#define SLOT 2048

static volatile sig_atomic_t stop;
static void on_signal(int sig) { (void)sig; stop = 1; }

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
  const char *devdir = getenv("NETSERV_DEVDIR") ? getenv("NETSERV_DEVDIR") : "/run/netserv/dev";
  const char *name = "0";
  int batch = 64, opt;
  double seconds = 0;
  while ((opt = getopt(argc, argv, "d:n:b:s:h")) != -1) {
    switch (opt) {
    case 'd': devdir = optarg; break;
    case 'n': name = optarg; break;
    case 'b': batch = atoi(optarg); break;
    case 's': seconds = atof(optarg); break;
    default:
      fprintf(stderr, "usage: %s [-d DEVDIR] [-n NAME] [-b BATCH] [-s SECONDS]\n", argv[0]);
      return opt == 'h' ? 0 : 2;
    }
  }
  if (batch < 1 || batch > NS_CHANNEL_MAX_BATCH) {
    fprintf(stderr, "netserv-chan-echo: batch must be 1..%d\n", NS_CHANNEL_MAX_BATCH);
    return 2;
  }
  struct sigaction sa = {.sa_handler = on_signal};
  sigaction(SIGINT, &sa, NULL);
  sigaction(SIGTERM, &sa, NULL);

  uint8_t *slots = malloc((size_t)batch * SLOT);
  int32_t *lens = malloc(sizeof(int32_t) * batch), *flags = malloc(sizeof(int32_t) * batch);
  ns_tx *tx = malloc(sizeof(ns_tx) * batch);
  if (!slots || !lens || !flags || !tx) { perror("netserv-chan-echo: malloc"); return 1; }

  unsigned long long packets = 0, truncated = 0, reconnects = 0;
  double deadline = seconds > 0 ? now() + seconds : 0;
  char err[256];
  while (!stop && !(deadline && now() > deadline)) {
    ns_channel *ch = ns_channel_open(devdir, name, batch, err, sizeof err);
    if (!ch) {
      if (reconnects == 0) fprintf(stderr, "netserv-chan-echo: waiting for %s/fromclick%s: %s\n", devdir, name, err);
      reconnects++;
      usleep(100000);
      continue;
    }
    fprintf(stderr, "netserv-chan-echo: connected to %s/{fromclick,toclick}%s\n", devdir, name);
    while (!stop && !(deadline && now() > deadline)) {
      int n = ns_channel_recv(ch, slots, SLOT, batch, lens, flags, 200);
      if (n < 0) {
        if (errno == EINTR) continue;
        fprintf(stderr, "netserv-chan-echo: channel closed (%s); reconnecting\n", strerror(errno));
        break;
      }
      for (int i = 0; i < n; i++) {
        tx[i].data = slots + (size_t)i * SLOT;
        tx[i].len = (uint32_t)lens[i];
        truncated += (flags[i] & NS_RX_TRUNCATED) != 0;
      }
      if (n > 0 && ns_channel_send(ch, tx, n) < 0) {
        fprintf(stderr, "netserv-chan-echo: send failed (%s); reconnecting\n", strerror(errno));
        break;
      }
      packets += (unsigned long long)n;
    }
    ns_channel_close(ch);
  }
  printf("packets: %llu\ntruncated: %llu\n", packets, truncated);
  free(slots); free(lens); free(flags); free(tx);
  return 0;
}
