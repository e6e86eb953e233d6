package io.openkws.io.sim.ht7017;

import io.openkws.driver.ht7017.Ht7017Exception;
import io.openkws.driver.ht7017.Ht7017Link;
import io.openkws.io.sim.uart.PacedHost;
import io.openkws.time.Clock;

/**
 * An in-process {@link Ht7017Link} to a {@link Ht7017Sim} that costs the same clock time as the real wire: a
 * write occupies its bytes' time, a reply arrives byte by byte, so a read costs 6 byte-times (13.75 ms).
 *
 * <p>Exists so the driver and the whole controller run against the simulated chip deterministically; the pacing
 * is the shared {@link PacedHost}. Not thread-safe.
 */
public final class SimHt7017Link implements Ht7017Link {

    private final PacedHost host;

    public SimHt7017Link(Ht7017Sim sim, Clock clock) {
        this.host = new PacedHost(Ht7017Wire.to(sim), clock,
                () -> new Ht7017Exception("interrupted while talking to the simulated HT7017"));
    }

    @Override
    public void write(byte[] bytes) {
        host.write(bytes);
    }

    @Override
    public int read(byte[] buffer, int count, long timeoutNanos) {
        return host.read(buffer, 0, count, timeoutNanos);
    }

    @Override
    public void flush() {
        host.flush();
    }

    @Override
    public void close() {
        host.close();
    }
}
