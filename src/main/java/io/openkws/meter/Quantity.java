package io.openkws.meter;

/**
 * A measured quantity a chip reports, named so the shared {@link Meter} can ask a chip for a fresh read of the
 * count behind one of them (the plausibility re-read, see {@link PollChecks#confirmed}) without knowing registers.
 */
public enum Quantity {
    VOLTAGE, CURRENT, ACTIVE_POWER, REACTIVE_POWER, APPARENT_POWER, FREQUENCY
}
