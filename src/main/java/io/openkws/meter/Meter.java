package io.openkws.meter;

import io.openkws.driver.ht7017.Ht7017Driver;
import io.openkws.driver.ht7017.Ht7017Exception;
import io.openkws.driver.ht7017.Ht7017Register;
import io.openkws.time.Clock;

/**
 * Turns HT7017 registers into calibrated {@link Reading}s and energy totals, one poll cycle at a time.
 *
 * <p>Exists to schedule the slow UART (13.75 ms a register) in favour of protection: every {@link #poll()} costs
 * two register times (27.5 ms) and ends with Rms_U, so a voltage fault reaches protection at most two register
 * times after the chip shows it; the other register of a poll goes in turn to Rms_I1, PowerP1, Rms_I1, PowerP1
 * and one slow item (Freq_U, PowerQ1, PowerS, EnergyP, EMUSR, the SUMChecksum check, in turn), so current and
 * power are at most three polls old. A chip that lost its configuration is
 * re-initialised (SUMChecksum changed, EnergyP went backwards, or EnergyP stood still for {@value #STALL_PULSES}
 * pulses' worth of power) and energy keeps counting from the new baseline. A failed read throws {@link Ht7017Exception}: the caller has no valid reading for that cycle
 * (protection counts it towards METER_LOST). Not thread-safe; allocation per cycle is the Reading only.
 */
public final class Meter {

    private static final int SLOT_COUNT = 6;
    /** Polls in one round of {@link #poll()}: current, power, current, power, slow item. */
    private static final int PHASE_COUNT = 5;
    private static final int HALF_RANGE = 1 << 23;
    /** EnergyP pulses the power should have produced without any change before the chip is presumed reset. */
    static final double STALL_PULSES = 8.0;
    private static final int PSTART_RESET = 0x0040;

    private final Ht7017Driver driver;
    private final CalibrationProfile profile;
    private final Clock clock;
    /** Below this |PowerP1| the chip may legitimately not count (start/creep threshold PStart): no stall check. */
    private final int stallMinPowerP1;

    private int slot;
    private int phase;
    private int rmsI1;
    private int powerP1;
    private int rmsU;
    private long confirmations;
    /** Changes smaller than this many counts (0.1 % of the 24-bit range) never count as a jump. */
    private static final int JUMP_FLOOR_COUNTS = 8_192;
    private int freqU;
    private int powerQ1;
    private int powerS;
    private int energyP;
    private int emusr;
    private boolean energyBaseline;
    private long energyBaselineInit = -1;
    private long energyCounts;
    private double energyOffsetKWh;
    private double lastPowerW;
    private int lastPowerP1;
    private long lastEnergyReadNanos;
    private double expectedPulsesSinceChange;
    private boolean stale = true;

    public Meter(Ht7017Driver driver, CalibrationProfile profile, Clock clock) {
        this.stallMinPowerP1 = 4 * profile.registers().getOrDefault(Ht7017Register.PSTART, PSTART_RESET);
        this.driver = driver;
        this.profile = profile;
        this.clock = clock;
    }

    /** Longest wait after init for the chip's first measurement update (its update rate is undocumented). */
    public static final long SETTLE_LIMIT_NANOS = 1_500_000_000L;
    private static final long SETTLE_STEP_NANOS = 50_000_000L;

    /**
     * Probes the chip, initialises it with the profile's registers, waits for the first measurement update after
     * the soft reset (Rms_U nonzero, at most {@link #SETTLE_LIMIT_NANOS}) and reads every register once.
     * Returns the DeviceID.
     *
     * @throws Ht7017Exception when no chip answers
     */
    public int start() {
        int id = connect();
        long deadline = clock.nanoTime() + SETTLE_LIMIT_NANOS;
        while (driver.read(Ht7017Register.RMS_U) == 0 && clock.nanoTime() - deadline < 0) {
            try {
                clock.sleepNanos(SETTLE_STEP_NANOS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Ht7017Exception("interrupted while waiting for the HT7017");
            }
        }
        pollFull();
        return id;
    }

    /**
     * Probes and initialises the chip and returns at once (the control loop's start: its first {@link #poll()}
     * follows immediately, so protection sees readings as early as possible; registers not yet refreshed after
     * the soft reset read 0, and the slow ones are read within the next few cycles). Returns the DeviceID.
     *
     * @throws Ht7017Exception when no chip answers
     */
    public int connect() {
        int id = driver.probe();
        driver.init(profile.registers());
        return id;
    }

    public CalibrationProfile profile() {
        return profile;
    }

    public Ht7017Driver driver() {
        return driver;
    }

    /**
     * One control-loop cycle: one register in turn (Rms_I1, PowerP1, Rms_I1, PowerP1, a slow item), then Rms_U.
     * The reading carries the latest current and power (read this poll or at most two polls ago).
     */
    public Reading poll() {
        long t = clock.nanoTime();
        if (stale) {
            rmsI1 = driver.read(Ht7017Register.RMS_I1);
            powerP1 = driver.read(Ht7017Register.POWER_P1);
            stale = false;
        }
        switch (phase) {
            case 0, 2 -> rmsI1 = confirmed(Ht7017Register.RMS_I1, rmsI1);
            case 1, 3 -> powerP1 = confirmed(Ht7017Register.POWER_P1, powerP1);
            default -> readSlow();
        }
        phase = (phase + 1) % PHASE_COUNT;
        rmsU = confirmed(Ht7017Register.RMS_U, rmsU);
        return reading(t, rmsU, rmsI1, powerP1);
    }

    /**
     * The fast registers kept from earlier polls are no longer to be trusted (a read failed, or the chip was
     * re-connected): the next {@link #poll()} reads current and power afresh before it reports anything, so a value
     * from before an outage is never reported as new.
     */
    public void invalidate() {
        stale = true;
    }

    /**
     * Reads a protection register, and reads it again when the value jumped to more than twice or less than half
     * the last one: an 8-bit checksum lets about one corrupted frame in 256 through (garbage shifted into a reply),
     * and one wild value must not trip an instant over-current. Two reads that agree are a real step; a second
     * read back near the last value means the first was corrupt; otherwise a third read decides.
     */
    private int confirmed(Ht7017Register register, int last) {
        int value = driver.read(register);
        if (!jumped(value, last)) {
            return value;
        }
        confirmations++;
        int again = driver.read(register);
        if (agree(again, value) || !jumped(again, last)) {
            return again;
        }
        return driver.read(register);
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

    /** Fast-register reads that jumped and were read again to confirm them. */
    public long confirmations() {
        return confirmations;
    }

    private void readSlow() {
        switch (slot) {
            case 0 -> freqU = driver.read(Ht7017Register.FREQ_U);
            case 1 -> powerQ1 = driver.read(Ht7017Register.POWER_Q1);
            case 2 -> powerS = driver.read(Ht7017Register.POWER_S);
            case 3 -> readEnergy();
            case 4 -> emusr = driver.read(Ht7017Register.EMUSR);
            default -> driver.verifyChecksum();
        }
        slot = (slot + 1) % SLOT_COUNT;
    }

    /** Reads every register of a reading now (bring-up, first reading); also checks SUMChecksum. */
    public Reading pollFull() {
        driver.verifyChecksum();
        long t = clock.nanoTime();
        rmsU = driver.read(Ht7017Register.RMS_U);
        rmsI1 = driver.read(Ht7017Register.RMS_I1);
        powerP1 = driver.read(Ht7017Register.POWER_P1);
        powerQ1 = driver.read(Ht7017Register.POWER_Q1);
        powerS = driver.read(Ht7017Register.POWER_S);
        freqU = driver.read(Ht7017Register.FREQ_U);
        readEnergy();
        emusr = driver.read(Ht7017Register.EMUSR);
        stale = false;
        return reading(t, rmsU, rmsI1, powerP1);
    }

    private Reading reading(long t, int rmsU, int rmsI1, int powerP1) {
        double p = profile.powerW(powerP1);
        lastPowerW = p;
        lastPowerP1 = powerP1;
        double s = profile.apparentPowerVA(powerS);
        return new Reading(t, profile.voltageV(rmsU), profile.currentA(rmsI1), p, s,
                profile.reactivePowerVar(powerQ1), CalibrationProfile.powerFactor(p, s), profile.frequencyHz(freqU),
                energyKWh(), new RawRegisters(rmsU, rmsI1, powerP1, powerQ1, powerS, freqU, energyP, emusr));
    }

    private void readEnergy() {
        int raw = driver.read(Ht7017Register.ENERGY_P);
        long now = clock.nanoTime();
        double hours = (now - lastEnergyReadNanos) / 3.6e12;
        lastEnergyReadNanos = now;
        if (!energyBaseline || energyBaselineInit != driver.inits()) {
            energyP = raw;
            energyBaseline = true;
            energyBaselineInit = driver.inits();
            expectedPulsesSinceChange = 0;
            return;
        }
        int delta = Ht7017Driver.energyDelta(energyP, raw);
        if (delta >= HALF_RANGE) {
            chipLostConfiguration();
            return;
        }
        if (delta == 0 && Math.abs(lastPowerP1) >= stallMinPowerP1) {
            expectedPulsesSinceChange += Math.abs(lastPowerW) / 1000 * hours * profile.energyCountsPerKWh();
            if (expectedPulsesSinceChange >= STALL_PULSES) {
                chipLostConfiguration();
                return;
            }
        } else {
            expectedPulsesSinceChange = 0;
        }
        energyP = raw;
        energyCounts += delta;
    }

    /**
     * EnergyP went backwards (a reset cleared it) or stopped while power flows (a reset left ADCCON unwritten,
     * which SUMChecksum cannot see when the profile keeps every register at its reset value): re-initialise.
     */
    private void chipLostConfiguration() {
        driver.reinit();
        energyBaseline = false;
    }

    /** Energy since the totals were last set, in kWh. */
    public double energyKWh() {
        return energyOffsetKWh + profile.energyKWh(energyCounts);
    }

    /** EnergyP counts accumulated since the totals were last set. */
    public long energyCounts() {
        return energyCounts;
    }

    /** Sets the total (restored from persistence, or 0 for a reset); counting continues from it. */
    public void setEnergyKWh(double kWh) {
        energyOffsetKWh = kWh;
        energyCounts = 0;
    }
}
