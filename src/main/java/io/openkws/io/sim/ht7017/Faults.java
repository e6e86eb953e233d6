package io.openkws.io.sim.ht7017;

import io.openkws.io.sim.uart.UartFaults;

/**
 * Link and chip misbehaviour the simulated HT7017 injects, drawn from its seeded random source so a faulty run
 * is reproducible.
 *
 * <p>Exists to prove the driver's retries, resynchronisation and reset detection against the failures a real
 * UART through a diode and a noisy DIN-rail supply produce.
 *
 * @param corruptReplyRate  probability that a read reply carries a wrong checksum
 * @param dropReplyRate     probability that a frame gets no reply at all
 * @param garbageRate       probability that 1-3 random bytes precede a reply
 * @param extraDelayNanos   extra turnaround before every reply
 * @param resetPerFrameRate probability that the chip resets itself (all registers to reset values) before
 *                          handling a frame
 */
public record Faults(double corruptReplyRate, double dropReplyRate, double garbageRate, long extraDelayNanos,
        double resetPerFrameRate) implements UartFaults {

    public static final Faults NONE = new Faults(0, 0, 0, 0, 0);

    public Faults {
        checkRate(corruptReplyRate);
        checkRate(dropReplyRate);
        checkRate(garbageRate);
        checkRate(resetPerFrameRate);
        if (extraDelayNanos < 0) {
            throw new IllegalArgumentException("extra delay must be >= 0");
        }
    }

    /** Only corrupted reply checksums, at {@code rate}. */
    public static Faults corruptReplies(double rate) {
        return new Faults(rate, 0, 0, 0, 0);
    }

    private static void checkRate(double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("fault rate must be within 0..1: " + rate);
        }
    }
}
