/*
 * ns_channel — batched packet I/O on a netserv-click user channel.
 * See ns_channel.h for the contract.
 */
#define _GNU_SOURCE
#include "ns_channel.h"

#include <errno.h>
#include <poll.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

struct ns_channel {
  int rx_fd; /* connected to DEVDIR/fromclickNAME */
  int tx_fd; /* connected to DEVDIR/toclickNAME */
  int batch;
  atomic_int shut;
  /* Preallocated per-batch state: the hot path allocates nothing. */
  struct mmsghdr *rx_msgs;
  struct iovec *rx_iov;
  struct mmsghdr *tx_msgs;
  struct iovec *tx_iov;
};

static int connect_seqpacket(const char *devdir, const char *prefix,
                             const char *name, char *err, size_t errlen) {
  struct sockaddr_un sa;
  memset(&sa, 0, sizeof sa);
  sa.sun_family = AF_UNIX;
  int n = snprintf(sa.sun_path, sizeof sa.sun_path, "%s/%s%s", devdir, prefix,
                   name);
  if (n < 0 || (size_t)n >= sizeof sa.sun_path) {
    if (err)
      snprintf(err, errlen, "channel path %s/%s%s is longer than %zu bytes",
               devdir, prefix, name, sizeof sa.sun_path - 1);
    errno = ENAMETOOLONG;
    return -1;
  }
  int fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    if (err) snprintf(err, errlen, "socket: %s", strerror(errno));
    return -1;
  }
  if (connect(fd, (struct sockaddr *)&sa, sizeof sa) < 0) {
    int e = errno;
    if (err)
      snprintf(err, errlen, "connect %s: %s", sa.sun_path, strerror(e));
    close(fd);
    errno = e;
    return -1;
  }
  return fd;
}

static int valid_name(const char *name) {
  if (!name || !*name || strlen(name) > 32) return 0;
  for (const char *p = name; *p; p++)
    if (*p == '/' || *p == '\0' || *p < 0x21 || *p > 0x7e) return 0;
  return 1;
}

static ns_channel *channel_new(int batch, char *err, size_t errlen) {
  if (batch < 1 || batch > NS_CHANNEL_MAX_BATCH) {
    if (err)
      snprintf(err, errlen, "batch %d outside 1..%d", batch, NS_CHANNEL_MAX_BATCH);
    errno = EINVAL;
    return NULL;
  }
  ns_channel *ch = calloc(1, sizeof *ch);
  if (!ch) {
    if (err) snprintf(err, errlen, "out of memory");
    errno = ENOMEM;
    return NULL;
  }
  ch->rx_fd = ch->tx_fd = -1;
  ch->batch = batch;
  ch->rx_msgs = calloc((size_t)batch, sizeof *ch->rx_msgs);
  ch->rx_iov = calloc((size_t)batch, sizeof *ch->rx_iov);
  ch->tx_msgs = calloc((size_t)batch, sizeof *ch->tx_msgs);
  ch->tx_iov = calloc((size_t)batch, sizeof *ch->tx_iov);
  if (!ch->rx_msgs || !ch->rx_iov || !ch->tx_msgs || !ch->tx_iov) goto nomem;
  for (int i = 0; i < batch; i++) {
    ch->rx_msgs[i].msg_hdr.msg_iov = &ch->rx_iov[i];
    ch->rx_msgs[i].msg_hdr.msg_iovlen = 1;
    ch->tx_msgs[i].msg_hdr.msg_iov = &ch->tx_iov[i];
    ch->tx_msgs[i].msg_hdr.msg_iovlen = 1;
  }
  return ch;

nomem:
  if (err) snprintf(err, errlen, "out of memory");
  ns_channel_close(ch);
  errno = ENOMEM;
  return NULL;
}

static int is_seqpacket(int fd) {
  int type = 0;
  socklen_t len = sizeof type;
  return getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &len) == 0 && type == SOCK_SEQPACKET;
}

ns_channel *ns_channel_adopt(int rx_fd, int tx_fd, int batch, char *err,
                             size_t errlen) {
  if (!is_seqpacket(rx_fd) || !is_seqpacket(tx_fd)) {
    if (err)
      snprintf(err, errlen, "descriptors %d/%d are not SOCK_SEQPACKET sockets", rx_fd, tx_fd);
    errno = EBADF;
    return NULL;
  }
  ns_channel *ch = channel_new(batch, err, errlen);
  if (!ch) return NULL;
  ch->rx_fd = rx_fd;
  ch->tx_fd = tx_fd;
  return ch;
}

ns_channel *ns_channel_open(const char *devdir, const char *name, int batch,
                            char *err, size_t errlen) {
  if (!devdir || !*devdir || !valid_name(name)) {
    if (err) snprintf(err, errlen, "bad channel name '%s'", name ? name : "(null)");
    errno = EINVAL;
    return NULL;
  }
  ns_channel *ch = channel_new(batch, err, errlen);
  if (!ch) return NULL;
  ch->rx_fd = connect_seqpacket(devdir, "fromclick", name, err, errlen);
  if (ch->rx_fd < 0) goto fail;
  ch->tx_fd = connect_seqpacket(devdir, "toclick", name, err, errlen);
  if (ch->tx_fd < 0) goto fail;
  return ch;

fail: {
  int e = errno;
  ns_channel_close(ch);
  errno = e;
  return NULL;
}
}

int ns_channel_recv(ns_channel *ch, uint8_t *slots, size_t slot_size, int n,
                    int32_t *lens, int32_t *flags, int timeout_ms) {
  if (n < 1 || n > ch->batch || slot_size == 0 || slot_size > NS_CHANNEL_MAX_SLOT) {
    errno = EINVAL;
    return -1;
  }
  if (atomic_load_explicit(&ch->shut, memory_order_acquire)) {
    errno = EPIPE;
    return -1;
  }
  struct pollfd pfd = {.fd = ch->rx_fd, .events = POLLIN | POLLRDHUP};
  for (;;) {
    int r = poll(&pfd, 1, timeout_ms);
    if (r > 0) break;
    if (r == 0) return 0;
    if (errno != EINTR) return -1;
  }
  if (pfd.revents & POLLNVAL) {
    errno = EBADF;
    return -1;
  }
  const int hup = (pfd.revents & (POLLHUP | POLLRDHUP)) != 0;
  for (int i = 0; i < n; i++) {
    ch->rx_iov[i].iov_base = slots + (size_t)i * slot_size;
    ch->rx_iov[i].iov_len = slot_size;
    ch->rx_msgs[i].msg_hdr.msg_flags = 0;
    ch->rx_msgs[i].msg_len = 0;
  }
  int got;
  do {
    got = recvmmsg(ch->rx_fd, ch->rx_msgs, (unsigned)n, MSG_DONTWAIT, NULL);
  } while (got < 0 && errno == EINTR);
  if (got < 0) {
    if (errno == EAGAIN || errno == EWOULDBLOCK) {
      if (hup) {
        errno = EPIPE;
        return -1;
      }
      return 0;
    }
    return -1;
  }
  /* After the engine closes, every further read yields an empty record: the
   * first empty record seen together with a hang-up marks the end. */
  int out = 0;
  for (int i = 0; i < got; i++) {
    if (hup && ch->rx_msgs[i].msg_len == 0) break;
    lens[out] = (int32_t)ch->rx_msgs[i].msg_len;
    flags[out] = (ch->rx_msgs[i].msg_hdr.msg_flags & MSG_TRUNC) ? NS_RX_TRUNCATED : 0;
    out++;
  }
  if (out == 0 && hup) {
    errno = EPIPE;
    return -1;
  }
  return out;
}

int ns_channel_send(ns_channel *ch, const ns_tx *pkts, int n) {
  int done = 0;
  while (done < n) {
    if (atomic_load_explicit(&ch->shut, memory_order_acquire)) {
      errno = EPIPE;
      return -1;
    }
    int k = n - done;
    if (k > ch->batch) k = ch->batch;
    for (int i = 0; i < k; i++) {
      ch->tx_iov[i].iov_base = (void *)pkts[done + i].data;
      ch->tx_iov[i].iov_len = pkts[done + i].len;
    }
    int sent = sendmmsg(ch->tx_fd, ch->tx_msgs, (unsigned)k, MSG_NOSIGNAL);
    if (sent < 0) {
      if (errno == EINTR) continue;
      if (errno == ECONNRESET || errno == ENOTCONN) errno = EPIPE;
      return -1;
    }
    done += sent;
  }
  return done;
}

void ns_channel_shutdown(ns_channel *ch) {
  if (!ch) return;
  if (atomic_exchange(&ch->shut, 1)) return;
  if (ch->rx_fd >= 0) shutdown(ch->rx_fd, SHUT_RDWR);
  if (ch->tx_fd >= 0) shutdown(ch->tx_fd, SHUT_RDWR);
}

void ns_channel_close(ns_channel *ch) {
  if (!ch) return;
  if (ch->rx_fd >= 0) close(ch->rx_fd);
  if (ch->tx_fd >= 0) close(ch->tx_fd);
  free(ch->rx_msgs);
  free(ch->rx_iov);
  free(ch->tx_msgs);
  free(ch->tx_iov);
  free(ch);
}

int ns_channel_batch(const ns_channel *ch) { return ch->batch; }
int ns_channel_rx_fd(const ns_channel *ch) { return ch->rx_fd; }
int ns_channel_tx_fd(const ns_channel *ch) { return ch->tx_fd; }
