package io.openkws.meter.ht7017;

import io.openkws.driver.ht7017.Ht7017Driver;
import io.openkws.driver.ht7017.Ht7017Exception;
import io.openkws.driver.ht7017.Ht7017Register;
import io.openkws.meter.CalibrationProfile;
import io.openkws.meter.ChipSample;
import io.openkws.meter.MeterChip;
import io.openkws.meter.MeterException;
import io.openkws.meter.PollChecks;
import io.openkws.meter.Quantity;
import io.openkws.meter.UartMeterChip;
import io.openkws.time.Clock;
import java.util.List;

/**
 * The HT7017 as a {@link MeterChip}: its register schedule on the slow UART, and its counts turned into volts,
 * amps and watts by a {@link CalibrationProfile}.
 *
 * <p>Exists to schedule the UART (13.75 ms a register) in favour of protection. The {@link PhaseLockedSchedule}
 * decides the order: once it has learnt when the chip updates its registers, Rms_U is read just after each update
 * (a voltage fault reaches protection about a reply time after the chip shows it), then Rms_I1, then PowerP1, then
 * slow items until the next update, one register a poll; until then, and whenever it cannot learn them, every
 * poll costs two register times (27.5 ms) and ends with Rms_U, the other register going in turn to Rms_I1,
 * PowerP1, Rms_I1, PowerP1 and one slow item, so current and power are at most three polls old. The slow items
 * are Freq_U, PowerQ1, PowerS, EnergyP, EMUSR and the SUMChecksum check, in turn. Rms_U, Rms_I1 and PowerP1 can
 * be re-read to confirm a jump. A changed SUMChecksum
 * re-initialises the chip here (the driver does it); EnergyP going backwards or stalling is left to the
 * {@link io.openkws.meter.Meter}. Driver failures become {@link MeterException}; what the UART chips share is
 * {@link UartMeterChip}'s.
 */
public final class Ht7017Chip extends UartMeterChip {

    /** The raw view's names, fact-sheet spelling, in {@code read --json} order. */
    public static final List<String> RAW_NAMES =
            List.of("Rms_U", "Rms_I1", "PowerP1", "PowerQ1", "PowerS", "Freq_U", "EnergyP", "EMUSR");
    private static final int SLOT_COUNT = 6;
    private static final int PSTART_RESET = 0x0040;
    /** Polls after which the unlocked (fallback) schedule repeats, every slow item once: {@value}. */
    public static final int POLLS_PER_ROUND = PhaseLockedSchedule.FALLBACK_ROUND * SLOT_COUNT;

    private final Ht7017Driver driver;
    private final CalibrationProfile profile;
    private final Clock clock;
    private final ChipSample sample = new ChipSample(RAW_NAMES);
    /** Below this |PowerP1| the chip may legitimately not count (start/creep threshold PStart): no stall check. */
    private final int stallMinPowerP1;

    private final PhaseLockedSchedule schedule = new PhaseLockedSchedule(PhaseLockedSchedule.Timing.ht7017());
    private long scheduleInits = -1;
    private int slot;
    /** Current and power must be read afresh before the next sample (after an outage or a new connection). */
    private boolean stale = true;
    private int rmsI1;
    private int powerP1;
    private int rmsU;
    private int freqU;
    private int powerQ1;
    private int powerS;
    private int energyP;
    private int emusr;

    public Ht7017Chip(Ht7017Driver driver, CalibrationProfile profile, Clock clock) {
        super(driver);
        this.stallMinPowerP1 = 4 * profile.registers().getOrDefault(Ht7017Register.PSTART, PSTART_RESET);
        this.driver = driver;
        this.profile = profile;
        this.clock = clock;
    }

    public Ht7017Driver driver() {
        return driver;
    }

    public CalibrationProfile profile() {
        return profile;
    }

    @Override
    public String name() {
        return "HT7017";
    }

    @Override
    public int connect() {
        try {
            int id = driver.probe();
            driver.init(profile.registers());
            return id;
        } catch (Ht7017Exception e) {
            throw failure(e);
        }
    }

    /**
     * The reads {@link PhaseLockedSchedule} plans: while it is not locked, one register in turn (Rms_I1, PowerP1,
     * Rms_I1, PowerP1, a slow item), then Rms_U; while locked, one register a poll, the voltage read waiting (on
     * the clock) until just after the chip's predicted update and repeated at once if the update had not come. The
     * sample carries the latest current and power.
     */
    @Override
    public ChipSample poll(PollChecks checks) {
        try {
            long t = clock.nanoTime();
            if (driver.inits() != scheduleInits) {
                scheduleInits = driver.inits();
                schedule.restart();
            }
            if (stale) {
                rmsI1 = driver.read(Ht7017Register.RMS_I1);
                powerP1 = driver.read(Ht7017Register.POWER_P1);
                stale = false;
            }
            PhaseLockedSchedule.Read read;
            do {
                read = schedule.plan(clock.nanoTime());
                if (waitUntil(schedule.startAtNanos())) {
                    t = clock.nanoTime();
                }
                switch (read) {
                    case CURRENT -> rmsI1 = checks.confirmed(Quantity.CURRENT, driver.read(Ht7017Register.RMS_I1), rmsI1);
                    case POWER -> powerP1 = checks.confirmed(Quantity.ACTIVE_POWER, driver.read(Ht7017Register.POWER_P1), powerP1);
                    case SLOW -> readSlow(checks);
                    case VOLTAGE -> rmsU = checks.confirmed(Quantity.VOLTAGE, readVoltage(), rmsU);
                }
                if (read != PhaseLockedSchedule.Read.VOLTAGE) {
                    schedule.itemRead(read);
                }
            } while (!schedule.pollEnds(read));
            return fill(t);
        } catch (Ht7017Exception e) {
            schedule.readFailed();
            throw failure(e);
        }
    }

    /** Rms_U, read again at once while the schedule says the update has not come yet. */
    private int readVoltage() {
        int raw;
        boolean again;
        do {
            long start = clock.nanoTime();
            raw = driver.read(Ht7017Register.RMS_U);
            again = schedule.voltageRead(start, clock.nanoTime(), raw);
        } while (again);
        return raw;
    }

    /** Waits on the clock until {@code atNanos}; returns whether it waited. */
    private boolean waitUntil(long atNanos) {
        long wait = atNanos - clock.nanoTime();
        if (wait <= 0) {
            return false;
        }
        try {
            clock.sleepNanos(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MeterException("interrupted while waiting for the HT7017's update");
        }
        return true;
    }

    /** The register schedule (lock state and counters, for diagnostics and tests). */
    public PhaseLockedSchedule schedule() {
        return schedule;
    }

    private void readSlow(PollChecks checks) {
        switch (slot) {
            case 0 -> freqU = driver.read(Ht7017Register.FREQ_U);
            case 1 -> powerQ1 = driver.read(Ht7017Register.POWER_Q1);
            case 2 -> powerS = driver.read(Ht7017Register.POWER_S);
            case 3 -> readEnergy(checks);
            case 4 -> emusr = driver.read(Ht7017Register.EMUSR);
            default -> driver.verifyChecksum();
        }
        slot = (slot + 1) % SLOT_COUNT;
    }

    /** Current and power are read afresh at the next poll (two register times once). */
    @Override
    public void invalidate() {
        stale = true;
    }

    /** Every register of a sample now; also checks SUMChecksum. */
    @Override
    public ChipSample pollFull(PollChecks checks) {
        try {
            driver.verifyChecksum();
            long t = clock.nanoTime();
            rmsU = driver.read(Ht7017Register.RMS_U);
            rmsI1 = driver.read(Ht7017Register.RMS_I1);
            powerP1 = driver.read(Ht7017Register.POWER_P1);
            powerQ1 = driver.read(Ht7017Register.POWER_Q1);
            powerS = driver.read(Ht7017Register.POWER_S);
            freqU = driver.read(Ht7017Register.FREQ_U);
            readEnergy(checks);
            emusr = driver.read(Ht7017Register.EMUSR);
            stale = false;
            return fill(t);
        } catch (Ht7017Exception e) {
            throw failure(e);
        }
    }

    private void readEnergy(PollChecks checks) {
        int raw = driver.read(Ht7017Register.ENERGY_P);
        if (checks.energyCount(raw)) {
            energyP = raw;
        }
    }

    private ChipSample fill(long t) {
        sample.set(t, profile.voltageV(rmsU), profile.currentA(rmsI1), profile.powerW(powerP1),
                profile.reactivePowerVar(powerQ1), profile.apparentPowerVA(powerS), profile.frequencyHz(freqU),
                Math.abs(powerP1) >= stallMinPowerP1);
        sample.raw(0, rmsU);
        sample.raw(1, rmsI1);
        sample.raw(2, powerP1);
        sample.raw(3, powerQ1);
        sample.raw(4, powerS);
        sample.raw(5, freqU);
        sample.raw(6, energyP);
        sample.raw(7, emusr);
        return sample;
    }

    @Override
    protected int readCount(Quantity quantity) {
        return driver.read(switch (quantity) {
            case VOLTAGE -> Ht7017Register.RMS_U;
            case CURRENT -> Ht7017Register.RMS_I1;
            case ACTIVE_POWER -> Ht7017Register.POWER_P1;
            default -> throw new IllegalArgumentException("the HT7017 chip does not re-read " + quantity);
        });
    }

    @Override
    public double energyCountsPerKWh() {
        return profile.energyCountsPerKWh();
    }
}
