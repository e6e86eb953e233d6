package io.openkws.io.sim.tuyamcu;

import io.openkws.driver.tuyamcu.TuyaMcuLink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One end of an in-process TuyaMCU wire: what one end writes, the other reads, byte for byte.
 *
 * <p>Exists so the bridge and a module emulator (tests, simulation) talk without a UART. Each direction holds at most
 * {@value #CAPACITY} bytes; a writer facing a full wire blocks, as a UART with flow control would (1 s at most, then
 * the bytes are dropped, as a real line would lose them). Closing either end closes both.
 */
public final class InProcessTuyaMcuLink implements TuyaMcuLink {

    /** Bytes in flight per direction. */
    public static final int CAPACITY = 1 << 16;

    private final BlockingQueue<Byte> in;
    private final BlockingQueue<Byte> out;
    private final AtomicBoolean closed;

    private InProcessTuyaMcuLink(BlockingQueue<Byte> in, BlockingQueue<Byte> out, AtomicBoolean closed) {
        this.in = in;
        this.out = out;
        this.closed = closed;
    }

    /** Two connected ends: {@code [0]} for the MCU side (openkws), {@code [1]} for the module side. */
    public static InProcessTuyaMcuLink[] pair() {
        BlockingQueue<Byte> a = new ArrayBlockingQueue<>(CAPACITY);
        BlockingQueue<Byte> b = new ArrayBlockingQueue<>(CAPACITY);
        AtomicBoolean closed = new AtomicBoolean();
        return new InProcessTuyaMcuLink[] {new InProcessTuyaMcuLink(a, b, closed),
                new InProcessTuyaMcuLink(b, a, closed)};
    }

    @Override
    public void write(byte[] bytes) {
        check();
        try {
            for (byte b : bytes) {
                if (!out.offer(b, 1, TimeUnit.SECONDS)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted while writing"));
        }
    }

    @Override
    public int read(byte[] buffer, int timeoutMillis) {
        check();
        try {
            Byte first = in.poll(timeoutMillis, TimeUnit.MILLISECONDS);
            if (first == null) {
                check();
                return 0;
            }
            buffer[0] = first;
            int n = 1;
            Byte next;
            while (n < buffer.length && (next = in.poll()) != null) {
                buffer[n++] = next;
            }
            return n;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted while reading"));
        }
    }

    private void check() {
        if (closed.get()) {
            throw new UncheckedIOException(new IOException("link closed"));
        }
    }

    @Override
    public void close() {
        closed.set(true);
    }
}
