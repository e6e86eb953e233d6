package io.openkws.meter;

import java.util.Set;

/**
 * One metering chip (HT7017, BL0942, ...) as the shared {@link Meter} sees it: connect and identify, poll for
 * calibrated values on the chip's own register schedule, re-read a count on request, re-initialise after a reset,
 * and count what went wrong on the wire.
 *
 * <p>Exists so protection, energy totals, the display, MQTT and the CLI do not care which chip measures: each chip
 * lives in its own package ({@code io.openkws.meter.<chip>}) on top of its driver, and turns its driver's failures
 * into {@link MeterException}. Implementations are not thread-safe; the control loop owns them.
 */
public interface MeterChip {

    /** The chip's name for messages, e.g. {@code HT7017}. */
    String name();

    /**
     * Probes the chip and writes its configuration (calibration registers, modes). Returns its identity (a device
     * ID, or a fixed value for a chip without one).
     *
     * @throws MeterException when no chip answers
     */
    int connect();

    /** Reads whether the chip has produced its first measurement since it was initialised (nonzero voltage). */
    boolean measuring();

    /**
     * One control-loop poll on the chip's schedule; returns the chip's sample, refilled. Runs {@code checks} on
     * the counts it reads (plausibility, energy).
     *
     * @throws MeterException when the chip does not answer after the driver's retries
     */
    ChipSample poll(PollChecks checks);

    /** Reads every quantity of a sample now (bring-up, first reading, the CLI's {@code read}). */
    ChipSample pollFull(PollChecks checks);

    /** Quantities whose count the chip can read again on its own ({@link #reread}); others are never re-read. */
    Set<Quantity> rereadable();

    /** One fresh read of the count behind {@code quantity}, one of {@link #rereadable()}. */
    int reread(Quantity quantity);

    /** Re-initialises a chip that lost its configuration (a reset); the next energy count starts a baseline. */
    void reinitialise();

    /** Initialisations so far, the first included: a change tells the meter to take a new energy baseline. */
    long inits();

    /** Re-initialisations after a detected reset. */
    long reinits();

    /** Frames that failed on the wire (bad checksum, timeout, NAK, garbage), retried or not. */
    long badFrames();

    /** The energy counter counts modulo this (it wraps). */
    long energyModulus();

    /** Energy counter counts per kWh under the chip's calibration. */
    double energyCountsPerKWh();

    /**
     * Values kept from earlier polls are no longer to be trusted (a read failed, or the chip was connected again):
     * the next {@link #poll} must read every quantity it reports afresh, so a value from before an outage is never
     * reported as new. Chips that read everything on every poll need do nothing.
     */
    default void invalidate() {
    }
}
