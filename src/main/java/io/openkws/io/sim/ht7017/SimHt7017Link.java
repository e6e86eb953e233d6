package io.openkws.io.sim.ht7017;

import io.openkws.driver.ht7017.Ht7017Exception;
import io.openkws.driver.ht7017.Ht7017Link;
import io.openkws.io.sim.uart.UartWire;
import io.openkws.time.Clock;

/**
 * An in-process {@link Ht7017Link} to a {@link Ht7017Sim} that costs the same clock time as the real wire: a
 * write occupies its bytes' time, a reply arrives byte by byte, so a read costs 6 byte-times (13.75 ms).
 *
 * <p>Exists so the driver and the whole controller run against the simulated chip deterministically: with a
 * VirtualClock it advances virtual time, with the system clock it really waits. Not thread-safe.
 */
public final class SimHt7017Link implements Ht7017Link {

    private final UartWire wire;
    private final Clock clock;

    public SimHt7017Link(Ht7017Sim sim, Clock clock) {
        this.wire = Ht7017Wire.to(sim);
        this.clock = clock;
    }

    @Override
    public void write(byte[] bytes) {
        long end = wire.hostSends(bytes, bytes.length, clock.nanoTime());
        sleepUntil(end);
    }

    @Override
    public int read(byte[] buffer, int count, long timeoutNanos) {
        long deadline = clock.nanoTime() + timeoutNanos;
        int got = 0;
        while (true) {
            got += wire.takeDue(clock.nanoTime(), buffer, got, count - got);
            if (got == count) {
                return got;
            }
            long next = wire.nextDueNanos();
            if (next > deadline) {
                sleepUntil(deadline);
                return got + wire.takeDue(deadline, buffer, got, count - got);
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
            throw new Ht7017Exception("interrupted while talking to the simulated HT7017");
        }
    }
}
