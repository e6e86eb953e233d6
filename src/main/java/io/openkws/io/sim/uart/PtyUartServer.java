package io.openkws.io.sim.uart;

import io.openkws.time.Clock;
import io.openkws.time.SystemClock;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Serves a {@link SimUartChip} on a pseudo-terminal so the real serial path (jSerialComm, a driver, the CLI) is
 * exercised end to end without hardware. Bytes are paced at the wire rate in both directions (a pty enforces no
 * baud rate): a reply's bytes are written one byte-time apart, the first after the request has "arrived".
 *
 * <p>Usage: {@code try (var server = PtyUartServer.start(sim, byteNanos, "bl0942")) { open(server.path()) ... }}.
 * Runs on the system clock (the simulator must use it too). One daemon thread per server.
 */
public final class PtyUartServer implements AutoCloseable {

    private final Pty pty;
    private final UartWire wire;
    private final Clock clock = SystemClock.instance();
    private final Thread thread;
    private volatile boolean running = true;

    private PtyUartServer(Pty pty, UartWire wire, String name) {
        this.pty = pty;
        this.wire = wire;
        this.thread = Thread.ofPlatform().daemon().name(name + "-pty " + pty.path()).unstarted(this::serve);
    }

    /** Opens a pseudo-terminal and starts serving {@code chip} on it at {@code byteNanos} a character. */
    public static PtyUartServer start(SimUartChip chip, long byteNanos, String name) {
        return start(new UartWire(chip, byteNanos), name);
    }

    /** Opens a pseudo-terminal and starts serving the chip behind {@code wire} on it. */
    public static PtyUartServer start(UartWire wire, String name) {
        Pty pty;
        try {
            pty = Pty.open();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PtyUartServer server = new PtyUartServer(pty, wire, name);
        server.thread.start();
        return server;
    }

    /** The path a serial client opens, e.g. {@code /dev/pts/5}. */
    public String path() {
        return pty.path();
    }

    private void serve() {
        byte[] in = new byte[256];
        byte[] out = new byte[64];
        while (running) {
            long now = clock.nanoTime();
            int n = wire.takeDue(now, out, 0, out.length);
            if (n > 0) {
                pty.write(out, n);
                continue;
            }
            long next = wire.nextDueNanos();
            int waitMillis = next == Long.MAX_VALUE ? 20 : (int) Math.max(0, Math.min(20, (next - now) / 1_000_000));
            int events = pty.poll(waitMillis);
            if ((events & Pty.POLLIN) != 0) {
                int got = pty.read(in);
                if (got > 0) {
                    wire.hostSends(in, got, clock.nanoTime());
                }
            } else if (events != 0) {
                pause(2_000_000L);
            } else if (next != Long.MAX_VALUE && waitMillis == 0) {
                pause(Math.max(0, next - clock.nanoTime()));
            }
        }
    }

    private void pause(long nanos) {
        try {
            clock.sleepNanos(nanos);
        } catch (InterruptedException e) {
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pty.close();
    }
}
