package io.openkws.meter;

/**
 * The shared checks a {@link MeterChip} runs while it polls, provided by the {@link Meter}: the plausibility
 * re-read of a count that jumped, and the energy bookkeeping (totals, baselines, reset detection) at the moment
 * the chip read its energy counter.
 *
 * <p>Exists so each chip keeps its own register schedule and timing, while the rules that protect protection
 * from a wild value and energy from a chip reset are written once for every chip. Called on the polling thread
 * only, inside the chip's poll.
 */
public interface PollChecks {

    /**
     * Returns {@code value} (a count the chip has just read for {@code quantity}), or a confirmed one when it
     * jumped to more than twice or less than half of {@code last}: the meter then asks the chip for fresh reads
     * ({@link MeterChip#reread}) when the chip lists the quantity in {@link MeterChip#rereadable()}.
     */
    int confirmed(Quantity quantity, int value, int last);

    /**
     * The chip has just read its cumulative energy counter ({@code raw}, modulo {@link MeterChip#energyModulus()}).
     * The meter adds the delta to the totals, or starts a new baseline after a (re)initialisation, or asks the chip
     * to re-initialise when the counter went backwards or stood still under load. Returns true when {@code raw}
     * was taken as the new counter value (the chip shows it as its raw count); false when it was rejected as the
     * sign of a reset.
     */
    boolean energyCount(long raw);
}
