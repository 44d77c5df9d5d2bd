/*
 * bridge_jni — the native half of org.netserv.bridge.PacketChannel.
 *
 * Java owns one native block per channel (allocated here with mmap and handed
 * to Java once with NewDirectByteBuffer; freed by a java.lang.ref.Cleaner when
 * the last view of it is unreachable, so no Java view can ever outlive the
 * memory behind it). Packets are received into and sent from that block by
 * ns_channel; Java reads and writes them in place through ByteBuffer slices.
 * The layout of the block is drawn in PacketChannel.java; this file only needs
 * the offsets Java passes in.
 *
 * Hot-path calls (receive0, send0) take raw addresses and allocate nothing.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdarg.h>
#include <jni.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "ns_channel.h"

typedef struct bridge {
  ns_channel *ch;
  int max_tx;  /* entries in tx */
  ns_tx *tx;   /* preallocated send list */
} bridge;

static void throw_io(JNIEnv *env, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void throw_io(JNIEnv *env, const char *fmt, ...) {
  char msg[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  jclass c = (*env)->FindClass(env, "java/io/IOException");
  if (c) (*env)->ThrowNew(env, c, msg);
}

static void throw_iae(JNIEnv *env, const char *msg) {
  jclass c = (*env)->FindClass(env, "java/lang/IllegalArgumentException");
  if (c) (*env)->ThrowNew(env, c, msg);
}

static jlong wrap(JNIEnv *env, ns_channel *ch, int batch) {
  bridge *b = calloc(1, sizeof *b);
  if (b) {
    b->max_tx = 2 * batch;
    b->tx = calloc((size_t)b->max_tx, sizeof *b->tx);
  }
  if (!b || !b->tx) {
    if (b) free(b);
    ns_channel_close(ch);
    throw_io(env, "cannot open packet channel: out of memory");
    return 0;
  }
  b->ch = ch;
  return (jlong)(intptr_t)b;
}

JNIEXPORT jlong JNICALL Java_org_netserv_bridge_PacketChannel_open0(
    JNIEnv *env, jclass cls, jstring jdevdir, jstring jname, jint batch) {
  (void)cls;
  if (!jdevdir || !jname) {
    throw_iae(env, "devDir and name are required");
    return 0;
  }
  const char *devdir = (*env)->GetStringUTFChars(env, jdevdir, NULL);
  const char *name = (*env)->GetStringUTFChars(env, jname, NULL);
  if (!devdir || !name) {
    if (devdir) (*env)->ReleaseStringUTFChars(env, jdevdir, devdir);
    if (name) (*env)->ReleaseStringUTFChars(env, jname, name);
    return 0; /* OutOfMemoryError pending */
  }
  char err[256] = "";
  ns_channel *ch = ns_channel_open(devdir, name, batch, err, sizeof err);
  (*env)->ReleaseStringUTFChars(env, jdevdir, devdir);
  (*env)->ReleaseStringUTFChars(env, jname, name);
  if (!ch) {
    throw_io(env, "cannot open packet channel: %s", err);
    return 0;
  }
  return wrap(env, ch, batch);
}

JNIEXPORT jlong JNICALL Java_org_netserv_bridge_PacketChannel_adopt0(
    JNIEnv *env, jclass cls, jint rx_fd, jint tx_fd, jint batch) {
  (void)cls;
  char err[256] = "";
  ns_channel *ch = ns_channel_adopt(rx_fd, tx_fd, batch, err, sizeof err);
  if (!ch) {
    throw_io(env, "cannot adopt packet channel: %s", err);
    return 0;
  }
  return wrap(env, ch, batch);
}

JNIEXPORT jobject JNICALL Java_org_netserv_bridge_PacketChannel_allocate0(
    JNIEnv *env, jclass cls, jlong bytes) {
  (void)cls;
  if (bytes <= 0 || bytes > (jlong)1 << 31) {
    throw_iae(env, "packet block size out of range");
    return NULL;
  }
  void *p = mmap(NULL, (size_t)bytes, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
  if (p == MAP_FAILED) {
    throw_io(env, "cannot map %lld bytes for packets: %s", (long long)bytes,
             strerror(errno));
    return NULL;
  }
  jobject buf = (*env)->NewDirectByteBuffer(env, p, bytes);
  if (!buf) munmap(p, (size_t)bytes);
  return buf;
}

JNIEXPORT jlong JNICALL Java_org_netserv_bridge_PacketChannel_address0(
    JNIEnv *env, jclass cls, jobject buf) {
  (void)cls;
  return (jlong)(intptr_t)(*env)->GetDirectBufferAddress(env, buf);
}

JNIEXPORT void JNICALL Java_org_netserv_bridge_PacketChannel_free0(
    JNIEnv *env, jclass cls, jlong address, jlong bytes) {
  (void)env;
  (void)cls;
  if (address) munmap((void *)(intptr_t)address, (size_t)bytes);
}

/* Returns packets received (0 on timeout) or -1 when the engine closed the
 * channel; throws IOException on any other error. */
JNIEXPORT jint JNICALL Java_org_netserv_bridge_PacketChannel_receive0(
    JNIEnv *env, jclass cls, jlong handle, jlong slots, jint slot_size, jint n,
    jlong lens, jlong flags, jint timeout_ms) {
  (void)cls;
  bridge *b = (bridge *)(intptr_t)handle;
  int r = ns_channel_recv(b->ch, (uint8_t *)(intptr_t)slots, (size_t)slot_size, n,
                          (int32_t *)(intptr_t)lens, (int32_t *)(intptr_t)flags,
                          timeout_ms);
  if (r >= 0) return r;
  if (errno == EPIPE) return -1;
  throw_io(env, "packet channel receive: %s", strerror(errno));
  return 0;
}

/* Sends `count` packets described by the send list at `list`: per packet
 * {int32 offset from `base`, int32 length}. `limit` bounds every packet to the
 * block. Returns packets sent or -1 when the engine closed the channel. */
JNIEXPORT jint JNICALL Java_org_netserv_bridge_PacketChannel_send0(
    JNIEnv *env, jclass cls, jlong handle, jlong base, jlong limit, jlong list,
    jint count) {
  (void)cls;
  bridge *b = (bridge *)(intptr_t)handle;
  if (count < 0 || count > b->max_tx) {
    throw_iae(env, "send list longer than the channel's");
    return 0;
  }
  const int32_t *e = (const int32_t *)(intptr_t)list;
  const uint8_t *p = (const uint8_t *)(intptr_t)base;
  for (int i = 0; i < count; i++) {
    int32_t off = e[2 * i], len = e[2 * i + 1];
    if (off < 0 || len < 0 || (jlong)off + len > limit) {
      throw_iae(env, "send list entry outside the packet block");
      return 0;
    }
    b->tx[i].data = p + off;
    b->tx[i].len = (uint32_t)len;
  }
  int r = ns_channel_send(b->ch, b->tx, count);
  if (r >= 0) return r;
  if (errno == EPIPE) return -1;
  throw_io(env, "packet channel send: %s", strerror(errno));
  return 0;
}

JNIEXPORT void JNICALL Java_org_netserv_bridge_PacketChannel_shutdown0(
    JNIEnv *env, jclass cls, jlong handle) {
  (void)env;
  (void)cls;
  bridge *b = (bridge *)(intptr_t)handle;
  if (b) ns_channel_shutdown(b->ch);
}

JNIEXPORT void JNICALL Java_org_netserv_bridge_PacketChannel_close0(
    JNIEnv *env, jclass cls, jlong handle) {
  (void)env;
  (void)cls;
  bridge *b = (bridge *)(intptr_t)handle;
  if (!b) return;
  ns_channel_close(b->ch);
  free(b->tx);
  free(b);
}
