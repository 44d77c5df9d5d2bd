/*
 * ns_channel — one container packet channel: the pair of SOCK_SEQPACKET UNIX
 * sockets `DEVDIR/fromclickNAME` (engine -> us) and `DEVDIR/toclickNAME`
 * (us -> engine) of netserv-click's ToUserDevice/FromUserDevice elements
 * (DESIGN.md §3.2). One message is one IPv4 packet, exactly like Click's
 * /dev/fromclickN character devices.
 *
 * The channel moves packets in batches with recvmmsg(2)/sendmmsg(2) straight
 * into and out of caller-owned memory (the JNI layer hands that memory to Java
 * as DirectByteBuffer views), so a packet is never copied between the kernel
 * socket and the code that processes it. Everything a batch needs (mmsghdr and
 * iovec arrays) is allocated once at open; the hot path allocates nothing.
 *
 * This is the one small transport interface the brief asks for: a shared-memory
 * ring transport can later replace the socket pair behind the same calls.
 */
#ifndef NETSERV_NS_CHANNEL_H
#define NETSERV_NS_CHANNEL_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define NS_CHANNEL_MAX_BATCH 1024
#define NS_CHANNEL_MAX_SLOT 65536

/* Receive flags reported per packet. */
#define NS_RX_TRUNCATED 0x1 /* the packet was larger than a slot; bytes lost */

typedef struct ns_channel ns_channel;

/* One packet to send: `len` bytes at `data`. */
typedef struct ns_tx {
  const void *data;
  uint32_t len;
} ns_tx;

/*
 * Connects to DEVDIR/fromclickNAME and DEVDIR/toclickNAME. `batch` is the most
 * packets one ns_channel_recv/ns_channel_send call moves. On failure returns
 * NULL with errno set and a human-readable reason in `err` (if non-NULL).
 */
ns_channel *ns_channel_open(const char *devdir, const char *name, int batch,
                            char *err, size_t errlen);

/*
 * Adopts two already-connected SOCK_SEQPACKET sockets (the container launcher
 * connects them while it still has the rights to, then drops privileges).
 * Takes ownership of the descriptors only on success.
 */
ns_channel *ns_channel_adopt(int rx_fd, int tx_fd, int batch, char *err,
                             size_t errlen);

/*
 * Waits up to `timeout_ms` (-1 forever, 0 poll) for packets and receives up
 * to `n` (<= batch) of them, packet i into `slots + i * slot_size` (at most
 * `slot_size` bytes). Per packet it stores the length in `lens[i]` and the
 * NS_RX_* flags in `flags[i]`. Returns the number received, 0 on timeout,
 * -1 with errno set on error; on orderly close by the engine returns -1 with
 * errno = EPIPE. A truncated packet has lens[i] = slot_size and NS_RX_TRUNCATED.
 */
int ns_channel_recv(ns_channel *ch, uint8_t *slots, size_t slot_size, int n,
                    int32_t *lens, int32_t *flags, int timeout_ms);

/*
 * Sends `n` packets (any n; split into batches internally), blocking while the
 * engine's queue is full. Returns the number sent (== n) or -1 with errno set
 * (EPIPE when the engine went away).
 */
int ns_channel_send(ns_channel *ch, const ns_tx *pkts, int n);

/* Wakes any thread blocked in recv/send (they return -1/EPIPE); idempotent. */
void ns_channel_shutdown(ns_channel *ch);

/* Closes both sockets and frees the channel. No call may be in progress. */
void ns_channel_close(ns_channel *ch);

int ns_channel_batch(const ns_channel *ch);
int ns_channel_rx_fd(const ns_channel *ch);
int ns_channel_tx_fd(const ns_channel *ch);

#ifdef __cplusplus
}
#endif
#endif
