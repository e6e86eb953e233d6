package io.openkws.driver.bl0937;

/**
 * When the BL0937 driver looks at its pulse outputs and which quantity CF1 carries when.
 *
 * <p>Exists so the trade-off between voltage latency (OVP/UVP) and current latency (OCP) is one set of named
 * figures, checked once. The driver takes a reading every {@code tick}; CF (power) is measured at every tick. CF1
 * carries voltage for {@code voltagePhase}, then current for at least {@code currentPhaseMin}, extended tick by
 * tick while fewer than two CF1 edges have been seen (a low current, long periods) up to {@code currentPhaseMax};
 * after each SEL switch the first {@code settle} of CF1 is discarded. A CF1 channel silent for
 * {@code cf1Timeout} reads 0; CF silent for {@code powerTimeout} reads 0 W.
 *
 * @param tickNanos             time between readings
 * @param voltagePhaseNanos     how long SEL selects voltage in each cycle
 * @param currentPhaseMinNanos  shortest current phase (settling included)
 * @param currentPhaseMaxNanos  longest current phase, reached only below two CF1 edges in the phase
 * @param settleNanos           CF1 edges discarded after each SEL switch
 * @param cf1TimeoutNanos       CF1 silence after which voltage reads 0
 * @param powerTimeoutNanos     CF silence after which power reads 0
 */
public record Bl0937Schedule(long tickNanos, long voltagePhaseNanos, long currentPhaseMinNanos,
                             long currentPhaseMaxNanos, long settleNanos, long cf1TimeoutNanos,
                             long powerTimeoutNanos) {

    private static final long MS = 1_000_000L;

    /**
     * The default: a reading every 50 ms; voltage for 300 ms, then current for 100 ms (up to 400 ms at currents
     * below two CF1 edges in 80 ms, i.e. under 25 Hz); 20 ms settling; CF1 silent for 100 ms or CF for 3 s reads 0.
     */
    public static final Bl0937Schedule DEFAULT =
            new Bl0937Schedule(50 * MS, 300 * MS, 100 * MS, 400 * MS, 20 * MS, 100 * MS, 3_000 * MS);

    public Bl0937Schedule {
        if (tickNanos <= 0 || settleNanos < 0 || settleNanos >= tickNanos) {
            throw new IllegalArgumentException("need 0 <= settle < tick, tick > 0");
        }
        if (voltagePhaseNanos < tickNanos || currentPhaseMinNanos < tickNanos
                || currentPhaseMaxNanos < currentPhaseMinNanos) {
            throw new IllegalArgumentException("phases must last at least a tick, and currentPhaseMax >= currentPhaseMin");
        }
        if (cf1TimeoutNanos <= 0 || powerTimeoutNanos <= 0) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
    }

    /**
     * Silence on CF or CF1 (voltage) shorter than this keeps the last figure: two ticks, so an event path that
     * stalls for a tick is not mistaken for a dead mains or a load switched off.
     */
    public long silenceHoldNanos() {
        return 2 * tickNanos;
    }

    /** Time a phase of at least {@code nanos} really lasts: phases end on ticks. */
    long roundedToTicks(long nanos) {
        return (nanos + tickNanos - 1) / tickNanos * tickNanos;
    }

    /**
     * The longest time from a voltage step to the end of the first reading whose window lies entirely after it,
     * by construction: the step comes just after the start of the last voltage tick before SEL switches to current
     * (that tick reads a blend), then the longest current phase passes, then the first voltage tick after
     * switching back (settling included). With the default: 50 + 400 + 50 = 500 ms at currents below 25 Hz on CF1
     * (0.32 A with the reference scales) or no load, 50 + 100 + 50 = 200 ms above
     * ({@link #usualVoltageLatencyNanos()}). A step well inside the voltage phase is seen within two ticks.
     */
    public long worstVoltageLatencyNanos() {
        return tickNanos + roundedToTicks(currentPhaseMaxNanos) + tickNanos;
    }

    /** {@link #worstVoltageLatencyNanos()} for currents whose CF1 gives two edges within the shortest phase. */
    public long usualVoltageLatencyNanos() {
        return tickNanos + roundedToTicks(currentPhaseMinNanos) + tickNanos;
    }

    /**
     * The longest age of a current figure when a reading is taken: a whole voltage phase plus the current phase.
     */
    public long worstCurrentAgeNanos() {
        return roundedToTicks(voltagePhaseNanos) + roundedToTicks(currentPhaseMaxNanos);
    }
}
