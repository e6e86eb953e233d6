package io.openkws.driver.relay;

/**
 * Coil timing of a latching relay, from the board file.
 *
 * @param pulseNanos       how long one coil is energised to move the contacts
 * @param minIntervalNanos least time from the start of one operation to the start of the next (protects the
 *                         contacts); it may delay a close, never an opening. At least {@code pulseNanos}.
 */
public record RelayTiming(long pulseNanos, long minIntervalNanos) {

    /** The simulated board's defaults and the provisional KWS-302WF values: 100 ms pulses, 1 s interval. */
    public static final RelayTiming DEFAULT = new RelayTiming(100_000_000L, 1_000_000_000L);

    public RelayTiming {
        if (pulseNanos <= 0) {
            throw new IllegalArgumentException("pulse width must be positive");
        }
        if (minIntervalNanos < pulseNanos) {
            throw new IllegalArgumentException("minimum interval must be at least the pulse width");
        }
    }
}
