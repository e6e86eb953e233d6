package io.openkws.io.sim.uart;

/**
 * A simulated chip on a UART, as the {@link UartWire} sees it: it takes the host's bytes one at a time, each with
 * the instant it completed on the wire, and answers some of them with reply bytes.
 *
 * <p>Exists so one wire model and one pseudo-terminal server pace every simulated UART chip (HT7017, BL0942).
 */
public interface SimUartChip {

    /**
     * Feeds one byte from the host that completed on the wire at {@code atNanos}. Returns how many reply bytes
     * the chip sends in answer; they are in {@link #replyBytes()} until the next call, to be sent
     * {@link #replyExtraDelayNanos()} late.
     */
    int receive(int b, long atNanos);

    /** The reply of the last {@link #receive} that answered (valid until the next call). */
    byte[] replyBytes();

    /** Extra turnaround before the last reply (fault injection), in nanoseconds. */
    long replyExtraDelayNanos();
}
