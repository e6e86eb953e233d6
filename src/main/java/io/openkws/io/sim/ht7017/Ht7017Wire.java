package io.openkws.io.sim.ht7017;

import io.openkws.driver.ht7017.Ht7017Frames;
import io.openkws.io.sim.uart.UartWire;

/**
 * The UART between a host and a {@link Ht7017Sim} at 4800 8E1: a read costs 6 byte-times (13.75 ms) as on the
 * real line. Exists to name the HT7017's pacing; the wire model itself is the shared {@link UartWire}.
 */
public final class Ht7017Wire extends UartWire {

    public Ht7017Wire(Ht7017Sim sim) {
        super(sim, Ht7017Frames.BYTE_NANOS);
    }
}
