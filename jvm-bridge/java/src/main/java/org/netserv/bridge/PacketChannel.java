/*
 * PacketChannel — Java end of a netserv-click user channel (DESIGN.md §3.2).
 *
 * A channel NAME is the pair of SOCK_SEQPACKET sockets DEVDIR/fromclickNAME
 * (packets from the engine) and DEVDIR/toclickNAME (packets to the engine)
 * that netserv-click's ToUserDevice(NAME)/FromUserDevice(NAME) listen on. One
 * message is one IPv4 packet.
 *
 * Packets move in batches (recvmmsg/sendmmsg in libnetserv-bridge.so) through
 * one block of native memory that Java sees as DirectByteBuffer views: a
 * received packet is processed where the kernel put it and sent from there,
 * never copied on the Java side. Views are made once at open; receive, queue
 * and flush allocate nothing.
 *
 * Block layout (native byte order, S = slotSize, B = batchSize):
 *
 *   0            +------------------------------------------+
 *                | rx slot 0 | rx slot 1 | ... | rx slot B-1 |  B x S bytes
 *   B*S          +------------------------------------------+
 *                | tx slot 0 | tx slot 1 | ... | tx slot B-1 |  B x S bytes
 *   2*B*S        +------------------------------------------+
 *                | int32 rxLength[B]                         |  set by receive
 *                | int32 rxFlags[B]   (bit 0: truncated)     |
 *                | {int32 offset, int32 length} sendList[2B] |  set by queue*
 *                +------------------------------------------+
 *
 * Use from one thread at a time (the dispatcher's), except close(), which any
 * thread may call to stop a blocked receive.
 */
package org.netserv.bridge;

import java.io.IOException;
import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

public final class PacketChannel implements AutoCloseable {

    /** Packets per receive/send batch unless the caller chooses. */
    public static final int DEFAULT_BATCH = 64;
    /** Bytes per packet slot unless the caller chooses: an Ethernet MTU with room to grow. */
    public static final int DEFAULT_SLOT_SIZE = 2048;
    public static final int MAX_BATCH = 1024;
    public static final int MAX_SLOT_SIZE = 65536;

    private static final int RX_TRUNCATED = 0x1;
    private static final int SEND_ENTRY = 8;
    private static final Cleaner CLEANER = Cleaner.create();

    static {
        NativeLibrary.load();
    }

    private final String name;
    private final int batch;
    private final int slotSize;
    private final long handle;
    private final ByteBuffer block;
    private final long base;
    private final long slotBytes;
    private final ByteBuffer meta;     // rxLength, rxFlags, sendList; native order
    private final int rxFlagsOffset;
    private final int sendListOffset;
    private final long sendListAddress;
    private final long rxLengthAddress;
    private final long rxFlagsAddress;
    private final ByteBuffer[] rx;
    private final ByteBuffer[] tx;

    private int received;
    private int queued;

    /* close() waits for a call in progress to leave before freeing the sockets. */
    private final AtomicInteger inUse = new AtomicInteger();
    private volatile boolean closed;
    private boolean released;

    private PacketChannel(String name, int batch, int slotSize, long handle) throws IOException {
        this.name = name;
        this.batch = batch;
        this.slotSize = slotSize;
        this.handle = handle;
        this.slotBytes = 2L * batch * slotSize;
        long metaBytes = 4L * batch + 4L * batch + (long) SEND_ENTRY * 2 * batch;
        long total = slotBytes + metaBytes;
        this.block = allocate0(total).order(ByteOrder.nativeOrder());
        this.base = address0(block);
        final long address = base;
        CLEANER.register(block, () -> free0(address, total));

        this.meta = block.duplicate().position((int) slotBytes).slice().order(ByteOrder.nativeOrder());
        this.rxFlagsOffset = 4 * batch;
        this.sendListOffset = 8 * batch;
        this.rxLengthAddress = base + slotBytes;
        this.rxFlagsAddress = rxLengthAddress + rxFlagsOffset;
        this.sendListAddress = rxLengthAddress + sendListOffset;
        this.rx = new ByteBuffer[batch];
        this.tx = new ByteBuffer[batch];
        for (int i = 0; i < batch; i++) {
            rx[i] = slot(i);
            tx[i] = slot(batch + i);
        }
    }

    private ByteBuffer slot(int index) {
        return block.duplicate()
                .position(index * slotSize)
                .limit(index * slotSize + slotSize)
                .slice()
                .order(ByteOrder.BIG_ENDIAN); // network order: packets are IPv4
    }

    /** Opens channel {@code name} in {@code devDir} with the default batch and slot size. */
    public static PacketChannel open(Path devDir, String name) throws IOException {
        return open(devDir, name, DEFAULT_BATCH, DEFAULT_SLOT_SIZE);
    }

    /**
     * Connects to {@code devDir/fromclick<name>} and {@code devDir/toclick<name>}.
     *
     * @param batchSize most packets one {@link #receive} returns (1..{@value #MAX_BATCH})
     * @param slotSize  largest packet, in bytes (64..{@value #MAX_SLOT_SIZE}); larger ones
     *                  arrive truncated and are reported by {@link #truncated}
     */
    public static PacketChannel open(Path devDir, String name, int batchSize, int slotSize)
            throws IOException {
        Objects.requireNonNull(devDir, "devDir");
        Objects.requireNonNull(name, "name");
        checkSizes(batchSize, slotSize);
        if (name.isEmpty() || name.indexOf('/') >= 0) {
            throw new IllegalArgumentException("bad channel name '" + name + "'");
        }
        int aligned = (slotSize + 63) & ~63; // cache-line aligned slots
        long h = open0(devDir.toString(), name, batchSize);
        try {
            return new PacketChannel(name, batchSize, aligned, h);
        } catch (IOException | RuntimeException | Error e) {
            close0(h);
            throw e;
        }
    }

    /**
     * Wraps two sockets already connected to {@code fromclick<name>} and {@code toclick<name>}
     * (the container launcher connects them before it drops privileges and passes the
     * descriptor numbers). Ownership of the descriptors passes to the channel on success.
     */
    public static PacketChannel adopt(String name, int rxFd, int txFd, int batchSize, int slotSize)
            throws IOException {
        Objects.requireNonNull(name, "name");
        checkSizes(batchSize, slotSize);
        int aligned = (slotSize + 63) & ~63;
        long h = adopt0(rxFd, txFd, batchSize);
        try {
            return new PacketChannel(name, batchSize, aligned, h);
        } catch (IOException | RuntimeException | Error e) {
            close0(h);
            throw e;
        }
    }

    private static void checkSizes(int batchSize, int slotSize) {
        if (batchSize < 1 || batchSize > MAX_BATCH) {
            throw new IllegalArgumentException("batch size " + batchSize + " outside 1.." + MAX_BATCH);
        }
        if (slotSize < 64 || slotSize > MAX_SLOT_SIZE) {
            throw new IllegalArgumentException("slot size " + slotSize + " outside 64.." + MAX_SLOT_SIZE);
        }
    }

    public String name() { return name; }

    public int batchSize() { return batch; }

    public int slotSize() { return slotSize; }

    /**
     * Waits up to {@code timeoutMillis} (negative: forever) for packets and receives a batch.
     * The previous batch's views are reused: finish with them (queue what must be sent) first.
     *
     * @return packets received, 0 on timeout
     * @throws PeerClosedException when the engine closed the channel (or {@link #close} was called)
     */
    public int receive(int timeoutMillis) throws IOException {
        enter();
        try {
            int n = receive0(handle, base, slotSize, batch, rxLengthAddress, rxFlagsAddress, timeoutMillis);
            if (n < 0) {
                received = 0;
                throw closed ? new ClosedChannelException() : new PeerClosedException(name);
            }
            for (int i = 0; i < n; i++) {
                rx[i].clear().limit(meta.getInt(4 * i));
            }
            received = n;
            return n;
        } finally {
            leave();
        }
    }

    /** Packets in the current batch. */
    public int received() { return received; }

    /**
     * Packet {@code i} of the current batch: position 0, limit its length, capacity the slot
     * size. Modify it in place; it may grow up to the slot size.
     */
    public ByteBuffer packet(int i) {
        if (i < 0 || i >= received) {
            throw new IndexOutOfBoundsException("packet " + i + " of " + received);
        }
        return rx[i];
    }

    /** True when packet {@code i} was larger than a slot and lost its tail. */
    public boolean truncated(int i) {
        if (i < 0 || i >= received) {
            throw new IndexOutOfBoundsException("packet " + i + " of " + received);
        }
        return (meta.getInt(rxFlagsOffset + 4 * i) & RX_TRUNCATED) != 0;
    }

    /** Queues packet {@code i} of the current batch, bytes [position, limit) of its view. */
    public void queueReceived(int i) throws IOException {
        ByteBuffer p = packet(i);
        queueSlot(i, p.position(), p.remaining());
    }

    /**
     * Tx slot {@code i} (0..batchSize-1), cleared, for building a new packet in place;
     * queue it with {@link #queueTx}. A slot may be rewritten once it has been flushed.
     */
    public ByteBuffer txSlot(int i) {
        Objects.checkIndex(i, batch);
        return tx[i].clear();
    }

    /** Queues tx slot {@code i}, bytes [position, limit) of its view. */
    public void queueTx(int i) throws IOException {
        Objects.checkIndex(i, batch);
        ByteBuffer p = tx[i];
        queueSlot(batch + i, p.position(), p.remaining());
    }

    private void queueSlot(int slotIndex, int position, int length) throws IOException {
        if (queued == 2 * batch) {
            flush();
        }
        int e = sendListOffset + SEND_ENTRY * queued;
        meta.putInt(e, slotIndex * slotSize + position);
        meta.putInt(e + 4, length);
        queued++;
    }

    /** Packets queued and not yet flushed. */
    public int queued() { return queued; }

    /**
     * Sends every queued packet, in queue order, in one batched call; blocks while the
     * engine's queue is full.
     *
     * @return packets sent
     * @throws PeerClosedException when the engine closed the channel
     */
    public int flush() throws IOException {
        if (queued == 0) {
            return 0;
        }
        enter();
        try {
            int n = send0(handle, base, slotBytes, sendListAddress, queued);
            queued = 0;
            if (n < 0) {
                throw closed ? new ClosedChannelException() : new PeerClosedException(name);
            }
            return n;
        } finally {
            leave();
        }
    }

    /**
     * Sends anything queued, then copies {@code packet}'s remaining bytes into tx slot 0 and
     * sends it. The convenience path for low-rate users (signaling); the packet path uses
     * queue/flush.
     */
    public void send(ByteBuffer packet) throws IOException {
        if (packet.remaining() > slotSize) {
            throw new IllegalArgumentException("packet of " + packet.remaining()
                    + " bytes exceeds the slot size " + slotSize);
        }
        flush(); // packets queued earlier go first, and free every tx slot
        ByteBuffer slot = tx[0].clear();
        slot.put(packet.duplicate()).flip();
        queueTx(0);
        flush();
    }

    private void enter() throws ClosedChannelException {
        inUse.incrementAndGet();
        if (closed) {
            inUse.decrementAndGet();
            throw new ClosedChannelException();
        }
    }

    private void leave() {
        inUse.decrementAndGet();
    }

    public boolean isOpen() { return !closed; }

    /**
     * Closes both sockets. A receive blocked in another thread returns at once with
     * ClosedChannelException. The packet memory stays valid until its views are unreachable.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (released) {
                return;
            }
            closed = true;
            shutdown0(handle);
            // Calls in progress return promptly after shutdown; wait for them before freeing.
            for (int spins = 0; inUse.get() != 0; spins++) {
                if (spins < 1000) {
                    Thread.onSpinWait();
                } else {
                    try {
                        Thread.sleep(1);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
            close0(handle);
            released = true;
        }
    }

    @Override
    public String toString() {
        return "PacketChannel[" + name + ", batch=" + batch + ", slot=" + slotSize + (closed ? ", closed]" : "]");
    }

    private static native long open0(String devDir, String name, int batch) throws IOException;

    private static native long adopt0(int rxFd, int txFd, int batch) throws IOException;

    private static native ByteBuffer allocate0(long bytes) throws IOException;

    private static native long address0(ByteBuffer buffer);

    private static native void free0(long address, long bytes);

    private static native int receive0(long handle, long slots, int slotSize, int n,
                                       long lengths, long flags, int timeoutMillis) throws IOException;

    private static native int send0(long handle, long base, long limit, long list, int count)
            throws IOException;

    private static native void shutdown0(long handle);

    private static native void close0(long handle);
}
