package io.openkws.io.sim.ht7017;

import io.openkws.driver.ht7017.Ht7017Frames;
import io.openkws.io.sim.uart.UartWire;

/**
 * The UART between a host and a {@link Ht7017Sim} at 4800 8E1: a read costs 6 byte-times (13.75 ms) as on the
 * real line. Exists to name the HT7017's pacing; the wire model itself is the shared {@link UartWire}.
 */
public final class Ht7017Wire {

    private Ht7017Wire() {
    }

    /** A wire to {@code sim} at the HT7017's byte time (11 bits at 4800 baud). */
    public static UartWire to(Ht7017Sim sim) {
        return new UartWire(sim, Ht7017Frames.BYTE_NANOS);
    }
}
