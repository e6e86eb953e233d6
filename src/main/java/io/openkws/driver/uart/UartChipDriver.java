package io.openkws.driver.uart;

import io.openkws.time.Clock;

/**
 * The protocol-free part of a driver for a register-based metering chip on a UART: counters of what happened on
 * the wire, counting of initialisations and re-initialisations, resynchronisation after garbage or a timeout, and
 * waits on the injected {@link Clock} that turn an interrupt into the chip's own exception.
 *
 * <p>Exists so the HT7017 and BL0942 drivers keep only their frames, registers and retry rules, and count and
 * recover the same way. Not thread-safe: one control loop owns a driver.
 */
public abstract class UartChipDriver {

    private static final int MAX_DRAIN_BYTES = 64;

    /** The driver's time. */
    protected final Clock clock;
    private final String chipName;
    private long goodFrames;
    private long badChecksums;
    private long timeouts;
    private long failures;
    private long inits;
    private long reinits;

    /** @param chipName the chip's name in messages, e.g. {@code HT7017} */
    protected UartChipDriver(Clock clock, String chipName) {
        this.clock = clock;
        this.chipName = chipName;
    }

    /** Soft-resets the chip and writes the configuration kept by the last init. */
    protected abstract void runInit();

    /** Discards any received bytes not yet read. */
    protected abstract void flushInput();

    /** Reads at most one byte, waiting at most {@code timeoutNanos}; returns how many arrived (0 or 1). */
    protected abstract int drainByte(long timeoutNanos);

    /** The chip's exception (unchecked) with {@code message}. */
    protected abstract RuntimeException failure(String message);

    /** Runs an initialisation and counts it. */
    protected final void initialise() {
        runInit();
        inits++;
    }

    /** Re-runs the last init (after a detected chip reset) and counts it. */
    public final void reinit() {
        runInit();
        inits++;
        reinits++;
    }

    /**
     * Discards what is buffered, then reads until the line has been quiet for {@code quietNanos} (at most
     * {@value #MAX_DRAIN_BYTES} bytes, then discards again), so late bytes of a broken reply cannot be taken for
     * the next one.
     */
    protected final void resync(long quietNanos) {
        flushInput();
        for (int i = 0; i < MAX_DRAIN_BYTES; i++) {
            if (drainByte(quietNanos) == 0) {
                return;
            }
        }
        flushInput();
    }

    /** Waits {@code nanos} on the clock; an interrupt (flag kept) becomes the chip's exception. */
    protected final void sleep(long nanos) {
        try {
            clock.sleepNanos(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("interrupted while talking to the " + chipName);
        }
    }

    protected final void countGoodFrame() {
        goodFrames++;
    }

    protected final void countBadChecksum() {
        badChecksums++;
    }

    protected final void countTimeout() {
        timeouts++;
    }

    protected final void countFailure() {
        failures++;
    }

    /** Frames that arrived complete and correct. */
    public final long goodFrames() {
        return goodFrames;
    }

    /** Replies with a bad checksum, and writes the chip did not keep or answered with an unexpected byte. */
    public final long badChecksums() {
        return badChecksums;
    }

    /** Transactions that got no complete reply in time. */
    public final long timeouts() {
        return timeouts;
    }

    /** Bad frames of any kind (bad checksum, timeout, and the chip's own kinds), retried or not. */
    public abstract long badFrames();

    /** Transactions that failed after every retry. */
    public final long failures() {
        return failures;
    }

    /** Completed or attempted initialisations, the first included. */
    public final long inits() {
        return inits;
    }

    /** Re-initialisations after a detected chip reset. */
    public final long reinits() {
        return reinits;
    }
}
