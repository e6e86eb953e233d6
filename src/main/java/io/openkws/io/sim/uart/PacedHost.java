package io.openkws.io.sim.uart;

import io.openkws.time.Clock;
import java.util.function.Supplier;

/**
 * The host's end of a {@link UartWire}, paced on a {@link Clock}: a write occupies its bytes' time, a read waits
 * for reply bytes as they come due, or until its timeout.
 *
 * <p>Exists so every in-process link to a simulated UART chip (HT7017, BL0942) costs the same clock time as the
 * real wire with one implementation; each link only adapts it to its driver's seam and exception type. With a
 * VirtualClock it advances virtual time, with the system clock it really waits. Not thread-safe.
 */
public final class PacedHost {

    private final UartWire wire;
    private final Clock clock;
    private final Supplier<? extends RuntimeException> interrupted;

    /**
     * @param interrupted the exception to throw (after restoring the interrupt flag) when a wait is interrupted
     */
    public PacedHost(UartWire wire, Clock clock, Supplier<? extends RuntimeException> interrupted) {
        this.wire = wire;
        this.clock = clock;
        this.interrupted = interrupted;
    }

    /** Sends {@code bytes} and returns once the last of them has completed on the wire. */
    public void write(byte[] bytes) {
        long end = wire.hostSends(bytes, bytes.length, clock.nanoTime());
        sleepUntil(end);
    }

    /**
     * Reads up to {@code count} reply bytes into {@code buffer} from {@code offset}, waiting at most
     * {@code timeoutNanos}; returns how many arrived.
     */
    public int read(byte[] buffer, int offset, int count, long timeoutNanos) {
        long deadline = clock.nanoTime() + timeoutNanos;
        int got = 0;
        while (true) {
            got += wire.takeDue(clock.nanoTime(), buffer, offset + got, count - got);
            if (got == count) {
                return got;
            }
            long next = wire.nextDueNanos();
            if (next > deadline) {
                sleepUntil(deadline);
                return got + wire.takeDue(deadline, buffer, offset + got, count - got);
            }
            sleepUntil(next);
        }
    }

    /** Drops the reply bytes that have already arrived (a host's input flush). */
    public void flush() {
        wire.discardDue(clock.nanoTime());
    }

    /** Drops every queued reply byte, also those still on the wire. */
    public void close() {
        wire.discardAll();
    }

    private void sleepUntil(long nanos) {
        long delta = nanos - clock.nanoTime();
        if (delta <= 0) {
            return;
        }
        try {
            clock.sleepNanos(delta);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw interrupted.get();
        }
    }
}
