package io.openkws.meter;

import io.openkws.time.Clock;

/**
 * Turns a {@link MeterChip}'s polls into {@link Reading}s and energy totals, whichever chip measures.
 *
 * <p>Exists so the rules every chip needs are written once: energy totals and their baselines across
 * re-initialisations and counter wraps; the plausibility re-read of a count that more than doubled or halved
 * (an 8-bit checksum lets about one corrupted frame in 256 through, and one wild value must not trip an instant
 * over-current); and reset detection (the energy counter went backwards, or stood still for
 * {@value #STALL_PULSES} counts' worth of power): the chip is asked to re-initialise and energy keeps counting from
 * the new baseline. The chip keeps its own register schedule and timing. A failed read throws
 * {@link MeterException}: the caller has no valid reading for that cycle (protection counts it towards
 * METER_LOST). Not thread-safe; {@link #pollMeasurement()} allocates nothing.
 */
public final class Meter {

    /** Energy counts the power should have produced without any change before the chip is presumed reset. */
    static final double STALL_PULSES = 8.0;
    /** Changes smaller than this many counts (0.1 % of a 24-bit range) never count as a jump. */
    private static final int JUMP_FLOOR_COUNTS = 8_192;
    /** Longest wait after init for the chip's first measurement update. */
    public static final long SETTLE_LIMIT_NANOS = 1_500_000_000L;
    private static final long SETTLE_STEP_NANOS = 50_000_000L;

    private final MeterChip chip;
    private final Clock clock;
    private final PollChecks checks = new Checks();
    private final Measurement latest = new Measurement();
    private final long energyModulus;

    private long confirmations;
    private boolean energyBaseline;
    private long energyBaselineInit = -1;
    private long energyRaw;
    private long energyCounts;
    private double energyOffsetKWh;
    private double lastPowerW;
    private boolean lastEnergyExpected;
    private long lastEnergyReadNanos;
    private double expectedPulsesSinceChange;

    public Meter(MeterChip chip, Clock clock) {
        this.chip = chip;
        this.clock = clock;
        this.energyModulus = chip.energyModulus();
    }

    /**
     * Probes the chip, initialises it, waits for the first measurement update after init (at most
     * {@link #SETTLE_LIMIT_NANOS}) and reads every quantity once. Returns the chip's identity.
     *
     * @throws MeterException when no chip answers
     */
    public int start() {
        int id = connect();
        long deadline = clock.nanoTime() + SETTLE_LIMIT_NANOS;
        while (!chip.measuring() && clock.nanoTime() - deadline < 0) {
            try {
                clock.sleepNanos(SETTLE_STEP_NANOS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MeterException("interrupted while waiting for the " + chip.name());
            }
        }
        pollFull();
        return id;
    }

    /**
     * Probes and initialises the chip and returns at once (the control loop's start: its first {@link #poll()}
     * follows immediately, so protection sees readings as early as possible; quantities not yet refreshed after
     * init read 0, and the slow ones are read within the next few cycles). Returns the chip's identity.
     *
     * @throws MeterException when no chip answers
     */
    public int connect() {
        return chip.connect();
    }

    public MeterChip chip() {
        return chip;
    }

    /** One control-loop cycle on the chip's schedule. */
    /** See {@link MeterChip#invalidate()}. */
    public void invalidate() {
        chip.invalidate();
    }

    public Reading poll() {
        return pollMeasurement().toReading();
    }

    /**
     * {@link #poll()} into the meter's own {@link Measurement}, overwritten by the next poll: the control loop's
     * call, which allocates nothing.
     */
    public Measurement pollMeasurement() {
        return measure(chip.poll(checks));
    }

    /** Reads every quantity of a reading now (bring-up, first reading). */
    public Reading pollFull() {
        return measure(chip.pollFull(checks)).toReading();
    }

    private Measurement measure(ChipSample s) {
        double p = s.powerW();
        double va = s.apparentPowerVA();
        lastPowerW = p;
        lastEnergyExpected = s.energyExpected();
        latest.set(s, powerFactor(p, va), energyKWh());
        return latest;
    }

    /** P/S clipped to [-1, 1]; 1 when there is no apparent power (no load: nothing lags or leads). */
    public static double powerFactor(double powerW, double apparentPowerVA) {
        if (!(apparentPowerVA > 0)) {
            return 1.0;
        }
        return Math.max(-1, Math.min(1, powerW / apparentPowerVA));
    }

    /** Counts that jumped and were read again to confirm them. */
    public long confirmations() {
        return confirmations;
    }

    /** Frames that failed on the chip's wire so far. */
    public long badFrames() {
        return chip.badFrames();
    }

    private static boolean jumped(int value, int last) {
        long now = Math.abs((long) value);
        long before = Math.abs((long) last);
        return now > 2 * before + JUMP_FLOOR_COUNTS || now + JUMP_FLOOR_COUNTS < before / 2
                || (Long.signum(value) * Long.signum(last) < 0 && Math.min(now, before) > JUMP_FLOOR_COUNTS);
    }

    private static boolean agree(int a, int b) {
        return Math.abs((long) a - b) <= Math.max(JUMP_FLOOR_COUNTS, Math.abs((long) b) / 50);
    }

    /** The checks run inside the chip's poll. */
    private final class Checks implements PollChecks {

        /**
         * Two reads that agree are a real step; a second read back near the last value means the first was
         * corrupt; otherwise a third read decides.
         */
        @Override
        public int confirmed(Quantity quantity, int value, int last) {
            if (!jumped(value, last) || !chip.rereadable().contains(quantity)) {
                return value;
            }
            confirmations++;
            int again = chip.reread(quantity);
            if (agree(again, value) || !jumped(again, last)) {
                return again;
            }
            return chip.reread(quantity);
        }

        @Override
        public boolean energyCount(long raw) {
            long now = clock.nanoTime();
            double hours = (now - lastEnergyReadNanos) / 3.6e12;
            lastEnergyReadNanos = now;
            if (!energyBaseline || energyBaselineInit != chip.inits()) {
                energyRaw = raw;
                energyBaseline = true;
                energyBaselineInit = chip.inits();
                expectedPulsesSinceChange = 0;
                return true;
            }
            long delta = Math.floorMod(raw - energyRaw, energyModulus);
            if (delta >= energyModulus / 2) {
                chipLostConfiguration();
                return false;
            }
            if (delta == 0 && lastEnergyExpected) {
                expectedPulsesSinceChange += Math.abs(lastPowerW) / 1000 * hours * chip.energyCountsPerKWh();
                if (expectedPulsesSinceChange >= STALL_PULSES) {
                    chipLostConfiguration();
                    return false;
                }
            } else {
                expectedPulsesSinceChange = 0;
            }
            energyRaw = raw;
            energyCounts += delta;
            return true;
        }
    }

    /**
     * The energy counter went backwards (a reset cleared it) or stopped while power flows (a reset left the chip
     * unconfigured in a way its own checks cannot see): re-initialise.
     */
    private void chipLostConfiguration() {
        chip.reinitialise();
        energyBaseline = false;
    }

    /** Energy since the totals were last set, in kWh. */
    public double energyKWh() {
        return energyOffsetKWh + energyCounts / chip.energyCountsPerKWh();
    }

    /** Energy counter counts accumulated since the totals were last set. */
    public long energyCounts() {
        return energyCounts;
    }

    /** Sets the total (restored from persistence, or 0 for a reset); counting continues from it. */
    public void setEnergyKWh(double kWh) {
        energyOffsetKWh = kWh;
        energyCounts = 0;
    }
}
