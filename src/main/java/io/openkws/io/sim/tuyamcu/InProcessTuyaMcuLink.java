package io.openkws.io.sim.tuyamcu;

import io.openkws.driver.tuyamcu.TuyaMcuLink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One end of an in-process TuyaMCU wire: what one end writes, the other reads, byte for byte.
 *
 * <p>Exists so the bridge and a module emulator (tests, simulation) talk without a UART. Each write arrives whole,
 * as back-to-back bytes on a UART do, so a writer thread descheduled in the middle of a frame never looks like a
 * pause on the line. Each direction holds at most {@value #CAPACITY} writes; a writer facing a full wire waits up to
 * 1 s, then its bytes are dropped, as a real line would lose them. Closing either end closes both. One thread reads
 * each end.
 */
public final class InProcessTuyaMcuLink implements TuyaMcuLink {

    /** Writes in flight per direction. */
    public static final int CAPACITY = 4096;

    private final BlockingQueue<byte[]> in;
    private final BlockingQueue<byte[]> out;
    private final AtomicBoolean closed;
    private byte[] rest = new byte[0];

    private InProcessTuyaMcuLink(BlockingQueue<byte[]> in, BlockingQueue<byte[]> out, AtomicBoolean closed) {
        this.in = in;
        this.out = out;
        this.closed = closed;
    }

    /** Two connected ends: {@code [0]} for the MCU side (openkws), {@code [1]} for the module side. */
    public static InProcessTuyaMcuLink[] pair() {
        BlockingQueue<byte[]> a = new ArrayBlockingQueue<>(CAPACITY);
        BlockingQueue<byte[]> b = new ArrayBlockingQueue<>(CAPACITY);
        AtomicBoolean closed = new AtomicBoolean();
        return new InProcessTuyaMcuLink[] {new InProcessTuyaMcuLink(a, b, closed),
                new InProcessTuyaMcuLink(b, a, closed)};
    }

    @Override
    public void write(byte[] bytes) {
        check();
        if (bytes.length == 0) {
            return;
        }
        try {
            out.offer(bytes.clone(), 1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted while writing"));
        }
    }

    @Override
    public int read(byte[] buffer, int timeoutMillis) {
        check();
        try {
            if (rest.length == 0) {
                byte[] next = in.poll(timeoutMillis, TimeUnit.MILLISECONDS);
                if (next == null) {
                    check();
                    return 0;
                }
                rest = next;
            }
            int n = 0;
            while (n < buffer.length) {
                int take = Math.min(buffer.length - n, rest.length);
                System.arraycopy(rest, 0, buffer, n, take);
                n += take;
                rest = Arrays.copyOfRange(rest, take, rest.length);
                if (rest.length == 0) {
                    byte[] next = in.poll();
                    if (next == null) {
                        break;
                    }
                    rest = next;
                }
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
