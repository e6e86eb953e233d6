package io.openkws.io.sim.uart;

/**
 * The fault knobs a {@link SimUartPort} draws from: link and chip misbehaviour as rates (0..1) and a delay.
 *
 * <p>Exists so the shared port reads the chip simulators' fault record without depending on any one chip's
 * package.
 */
public interface UartFaults {

    /** Probability that a read reply carries a wrong checksum. */
    double corruptReplyRate();

    /** Probability that a frame gets no reply at all. */
    double dropReplyRate();

    /** Probability that 1-3 random bytes precede a reply. */
    double garbageRate();

    /** Extra turnaround before every reply, ns. */
    long extraDelayNanos();

    /** Probability that the chip resets itself before handling a frame. */
    double resetPerFrameRate();
}
