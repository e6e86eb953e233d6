package io.openkws.io.sim.uart;

/**
 * The UART between a host and a {@link SimUartChip}, in time: host bytes complete one per byte-time, the chip's
 * reply starts after the byte that completed the request and its bytes follow one per byte-time, as on the real
 * line (byte-time = bits per character / baud rate: 11 bits for 8E1, 10 for 8N1).
 *
 * <p>Exists so the in-process links and the pseudo-terminal server pace identically, for every simulated chip.
 * Bytes are queued in a preallocated ring with their due times: no allocation per frame. Not thread-safe; owned
 * by one link/server.
 */
public final class UartWire {

    private static final int CAPACITY = 4096;

    private final SimUartChip chip;
    private final long byteNanos;
    private final byte[] data = new byte[CAPACITY];
    private final long[] due = new long[CAPACITY];
    private int head;
    private int size;
    private long hostLineFreeNanos = Long.MIN_VALUE;
    private long chipLineFreeNanos = Long.MIN_VALUE;

    /** @param byteNanos the time one character occupies the line */
    public UartWire(SimUartChip chip, long byteNanos) {
        if (byteNanos <= 0) {
            throw new IllegalArgumentException("byte time must be > 0");
        }
        this.chip = chip;
        this.byteNanos = byteNanos;
    }

    /** The time one character occupies the line. */
    public long byteNanos() {
        return byteNanos;
    }

    /**
     * The host starts sending {@code length} bytes at {@code nowNanos}. Returns the time the last of them has
     * completed on the wire.
     */
    public long hostSends(byte[] bytes, int length, long nowNanos) {
        long t = Math.max(nowNanos, hostLineFreeNanos);
        for (int i = 0; i < length; i++) {
            t += byteNanos;
            int n = chip.receive(bytes[i], t);
            if (n > 0) {
                byte[] reply = chip.replyBytes();
                long r = Math.max(t + chip.replyExtraDelayNanos(), chipLineFreeNanos);
                for (int j = 0; j < n; j++) {
                    r += byteNanos;
                    enqueue(reply[j], r);
                }
                chipLineFreeNanos = r;
            }
        }
        hostLineFreeNanos = t;
        return t;
    }

    /** Due time of the next reply byte, {@link Long#MAX_VALUE} when none is queued. */
    public long nextDueNanos() {
        return size == 0 ? Long.MAX_VALUE : due[head];
    }

    /** Moves reply bytes due by {@code nowNanos} into {@code buffer} from {@code offset}, at most {@code max}. */
    public int takeDue(long nowNanos, byte[] buffer, int offset, int max) {
        int n = 0;
        while (n < max && size > 0 && due[head] <= nowNanos) {
            buffer[offset + n++] = data[head];
            head = (head + 1) % CAPACITY;
            size--;
        }
        return n;
    }

    /** Drops every queued reply byte, also those still "on the wire". */
    public void discardAll() {
        head = 0;
        size = 0;
    }

    /** Drops the reply bytes already arrived by {@code nowNanos} (what a host's input flush does). */
    public void discardDue(long nowNanos) {
        while (size > 0 && due[head] <= nowNanos) {
            head = (head + 1) % CAPACITY;
            size--;
        }
    }

    private void enqueue(byte b, long dueNanos) {
        if (size == CAPACITY) {
            head = (head + 1) % CAPACITY;
            size--;
        }
        int tail = (head + size) % CAPACITY;
        data[tail] = b;
        due[tail] = dueNanos;
        size++;
    }
}
