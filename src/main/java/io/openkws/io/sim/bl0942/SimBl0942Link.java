package io.openkws.io.sim.bl0942;

import io.openkws.driver.bl0942.Bl0942Exception;
import io.openkws.driver.bl0942.Bl0942Frames;
import io.openkws.driver.bl0942.Bl0942Link;
import io.openkws.io.sim.uart.UartWire;
import io.openkws.time.Clock;

/**
 * An in-process {@link Bl0942Link} to a {@link Bl0942Sim} that costs the same clock time as the real wire at
 * 8N1: a write occupies its bytes' time, a reply arrives byte by byte, so a full packet costs 25 byte-times
 * (52 ms at 4800 baud).
 *
 * <p>Exists so the driver and the whole controller run against the simulated chip deterministically: with a
 * VirtualClock it advances virtual time, with the system clock it really waits. Not thread-safe.
 */
public final class SimBl0942Link implements Bl0942Link {

    private final UartWire wire;
    private final Clock clock;

    public SimBl0942Link(Bl0942Sim sim, Clock clock) {
        this(sim, clock, Bl0942Frames.DEFAULT_BAUD);
    }

    public SimBl0942Link(Bl0942Sim sim, Clock clock, int baud) {
        this.wire = new UartWire(sim, Bl0942Frames.byteNanos(baud));
        this.clock = clock;
    }

    @Override
    public void write(byte[] bytes) {
        long end = wire.hostSends(bytes, bytes.length, clock.nanoTime());
        sleepUntil(end);
    }

    @Override
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

    @Override
    public void flush() {
        wire.discardDue(clock.nanoTime());
    }

    @Override
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
            throw new Bl0942Exception("interrupted while talking to the simulated BL0942");
        }
    }
}
