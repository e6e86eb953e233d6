package io.openkws.io.sim.bl0942;

import io.openkws.driver.bl0942.Bl0942Exception;
import io.openkws.driver.bl0942.Bl0942Frames;
import io.openkws.driver.bl0942.Bl0942Link;
import io.openkws.io.sim.uart.PacedHost;
import io.openkws.io.sim.uart.UartWire;
import io.openkws.time.Clock;

/**
 * An in-process {@link Bl0942Link} to a {@link Bl0942Sim} that costs the same clock time as the real wire at
 * 8N1: a write occupies its bytes' time, a reply arrives byte by byte, so a full packet costs 25 byte-times
 * (52 ms at 4800 baud).
 *
 * <p>Exists so the driver and the whole controller run against the simulated chip deterministically; the pacing
 * is the shared {@link PacedHost}. Not thread-safe.
 */
public final class SimBl0942Link implements Bl0942Link {

    private final PacedHost host;

    public SimBl0942Link(Bl0942Sim sim, Clock clock) {
        this(sim, clock, Bl0942Frames.DEFAULT_BAUD);
    }

    public SimBl0942Link(Bl0942Sim sim, Clock clock, int baud) {
        this.host = new PacedHost(new UartWire(sim, Bl0942Frames.byteNanos(baud)), clock,
                () -> new Bl0942Exception("interrupted while talking to the simulated BL0942"));
    }

    @Override
    public void write(byte[] bytes) {
        host.write(bytes);
    }

    @Override
    public int read(byte[] buffer, int offset, int count, long timeoutNanos) {
        return host.read(buffer, offset, count, timeoutNanos);
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
