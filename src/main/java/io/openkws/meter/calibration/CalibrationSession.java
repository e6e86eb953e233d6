package io.openkws.meter.calibration;

import io.openkws.driver.ht7017.Ht7017Driver;
import io.openkws.driver.ht7017.Ht7017Register;
import io.openkws.meter.CalibrationProfile;
import io.openkws.time.Clock;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The bench calibration procedure of the HT7017 (fact sheet §4), one step at a time, against a live chip:
 * <ol>
 * <li>{@link #begin()}: probe, remember every configuration register (to put them back on a cancel), initialise
 * the chip with the front-end's analog set-up (ADCCON PGA, ANAEN) and zero gains;</li>
 * <li>{@link #measureOffset}: at no load, I1RMSOFFSET = round(mean(Rms_I1)² / 32768), and the no-load Rms_I1
 * and PowerP1 kept for the software offsets;</li>
 * <li>{@link #calibrateGain}: at a known point, the U and I scales in software, HFConst for a round meter
 * constant EC, and GP1 = GQ1 = GS1 from the power error (g = -err / (1 + err)); at PF 1 the power error is taken
 * from P (fact sheet), below PF 1 from S = V x I, and the phase from P at the same point;</li>
 * <li>{@link #calibrateLowCurrent} (optional): a second, small current that, with the no-load reading, tells how
 * the current's zero reading combines with the signal (see below);</li>
 * <li>{@link #calibratePhase}: at PF about 0.5 inductive, GPhs1 from the power error: tan θ = -err / tan φ (the
 * fact sheet's GPhs1 = -err x 32768 / √3 is its small-angle form at PF 0.5), and the gains lose the cos θ they
 * absorbed at PF 1;</li>
 * <li>{@link #runEnergy} and {@link #judgeEnergy}: EnergyP pulses counted edge to edge over a timed run against P x t;</li>
 * <li>{@link #profile}: the calibration profile (software scales + register values), written by the caller.</li>
 * </ol>
 * The current's software model ({@link CurrentModel}) is {@code Rms_I1² + q = (k·I + a)² + n²} (q = I1RMSOFFSET ×
 * 32768, what the chip removes itself): {@code a} is an offset that adds to the signal, {@code n} noise that adds in quadrature.
 * With the no-load reading and two currents the three unknowns are solved exactly; with the no-load reading and
 * one current the offset is taken as noise (a = 0, the fact sheet's model); without a no-load reading the offsets
 * given to {@link #keepOffsets} (an earlier profile's) are kept, never silently dropped.
 *
 * <p>Every change goes to the chip through a full re-initialisation (soft reset, then every register), as
 * {@code Meter.start} will do with the profile, so each step measures exactly what the profile will produce.
 *
 * <p>Exists so the wizard, the non-interactive command and the tests share one procedure; it does no terminal
 * I/O. {@link #cancel()} may be called from another thread (a Ctrl-C hook): the running step stops at its next
 * reading and {@link #restore()} puts the chip back as {@link #begin()} found it.
 */
public final class CalibrationSession {

    /** Meter constants (EnergyP counts per kWh) tried in this order; the first giving HFConst 32..32767 wins. */
    private static final int[] METER_CONSTANTS = {3200, 1600, 6400, 1000, 800, 12800, 400, 200, 100};
    private static final double POWER_CONSTANT = 5.625e10;
    private static final double TWO_23 = 8388608.0;
    /** Largest gap between the measured and the reference power factor before the reference is refused. */
    public static final double PF_TOLERANCE = 0.1;
    private static final long ENERGY_POLL_NANOS = 50_000_000L;

    /**
     * @param sampler       how readings are averaged and checked for stability
     * @param settleNanos   wait after a re-initialisation before sampling (a few chip update periods)
     * @param offsetSamples Rms_I1 readings averaged at no load (the fact sheet says about 6)
     */
    public record Options(Sampler.Options sampler, long settleNanos, int offsetSamples) {
        public static Options defaults() {
            return new Options(Sampler.Options.defaults(), 1_000_000_000L, 6);
        }
    }

    /** Outcome of the no-load step: mean readings with I1RMSOFFSET at 0, and the register value written. */
    public record OffsetResult(double meanRmsI1, double meanPowerP1, int i1RmsOffset) {
    }

    /**
     * Offsets kept from an earlier profile (the one-point form measures no zero).
     *
     * @param pgaChanged true when they were measured at another I1 PGA than this calibration's: they may not hold
     * @param warning    one line for the user and the profile's note when they may not hold (else empty)
     */
    public record KeptOffsets(String from, int fromPga, int pga, double linearCounts, double quadratureCounts2,
            boolean pgaChanged, String warning) {
    }

    /** Outcome of the low-current step: the current model solved and the errors at both currents after it. */
    public record LowCurrentResult(CurrentModel model, double lowCurrentError, double gainCurrentError) {
    }

    /**
     * Outcome of a gain step, with the residual errors measured after writing it.
     *
     * @param powerGainError the power error the gain registers cancel (before calibration, GP1 = 0)
     */
    public record GainResult(double voltageScale, double currentScale, double powerScale, int hfConst,
            int meterConstant, int gp1, int gphs1, double powerGainError, Errors after) {
    }

    /** Outcome of the phase step. */
    public record PhaseResult(double powerErrorBefore, double phaseDegrees, int gphs1, Errors after) {
    }

    /** Outcome of the energy check. */
    public record EnergyResult(long counts, double seconds, double expectedCounts, double measuredCountsPerKWh,
            double error, boolean adopted) {
    }

    /** Relative errors of calibrated readings against a reference point. */
    public record Errors(double voltage, double current, double power) {
        public double worst() {
            return Math.max(Math.abs(voltage), Math.max(Math.abs(current), Math.abs(power)));
        }
    }

    private final Ht7017Driver driver;
    private final Clock clock;
    private final FrontEndSetup frontEnd;
    private final Options options;
    private final Sampler sampler;
    private final Map<Ht7017Register, Integer> regs = new EnumMap<>(Ht7017Register.class);
    private Map<Ht7017Register, Integer> snapshot;
    private volatile boolean cancelled;
    private boolean touched;

    private double noLoadRmsI1 = Double.NaN;
    private double noLoadPowerP1;
    private Reference gainRef;
    private double gainRms2 = Double.NaN;
    private Reference lowRef;
    private double lowRms2 = Double.NaN;
    private KeptOffsets kept;
    private double keptVoltageOffset;
    private double keptPowerOffset;
    private CurrentModel currentModel;
    private double voltageScale = Double.NaN;
    private double currentScale = Double.NaN;
    private double powerScale = Double.NaN;
    private double energyScale = Double.NaN;
    private double gain;
    private boolean gainHasCosTheta;

    public CalibrationSession(Ht7017Driver driver, Clock clock, FrontEndSetup frontEnd, Options options) {
        this.driver = driver;
        this.clock = clock;
        this.frontEnd = frontEnd;
        this.options = options;
        this.sampler = new Sampler(driver, clock, options.sampler(), () -> cancelled);
    }

    public FrontEndSetup frontEnd() {
        return frontEnd;
    }

    /** Asks the running step to stop (thread-safe); it throws {@link CalibrationCancelled}. */
    public void cancel() {
        cancelled = true;
    }

    /** Probes the chip, remembers its configuration and initialises it with the front-end. Returns DeviceID. */
    public synchronized int begin() {
        int id = driver.probe();
        Map<Ht7017Register, Integer> saved = new EnumMap<>(Ht7017Register.class);
        for (Ht7017Register r : Ht7017Register.values()) {
            if (r.access() == Ht7017Register.Access.KEY_BC || r.access() == Ht7017Register.Access.KEY_A6) {
                saved.put(r, driver.readRaw(r) & 0xFFFF);
            }
        }
        snapshot = saved;
        regs.putAll(frontEnd.registers());
        regs.put(Ht7017Register.GP1, 0);
        regs.put(Ht7017Register.GQ1, 0);
        regs.put(Ht7017Register.GS1, 0);
        regs.put(Ht7017Register.GPHS1, 0);
        regs.put(Ht7017Register.I1_RMS_OFFSET, 0);
        regs.put(Ht7017Register.HFCONST, CalibrationProfile.HFCONST_RESET);
        apply();
        return id;
    }

    /**
     * Puts back the configuration registers {@link #begin()} found (soft reset, then each register), when the
     * session changed them. Safe to call more than once.
     */
    public synchronized void restore() {
        if (snapshot != null && touched) {
            driver.init(snapshot);
            touched = false;
        }
    }

    /** Step 1, at no load: I1RMSOFFSET from the mean of about 6 Rms_I1 readings. */
    public synchronized OffsetResult measureOffset(Progress progress) {
        regs.put(Ht7017Register.I1_RMS_OFFSET, 0);
        apply();
        Sample s = sampler.average(Sampler.Check.VOLTAGE_ONLY, options.offsetSamples(), progress);
        int offset = (int) Math.round(s.rmsI1() * s.rmsI1() / 32768.0);
        if (offset > 0xFFFF) {
            throw new CalibrationException(String.format(Locale.ROOT,
                    "the current reads %.0f counts with no load, too much for an offset: disconnect the load (no current may flow in this step)",
                    s.rmsI1()));
        }
        noLoadRmsI1 = s.rmsI1();
        noLoadPowerP1 = s.powerP1();
        regs.put(Ht7017Register.I1_RMS_OFFSET, offset);
        apply();
        solveCurrent();
        return new OffsetResult(s.rmsI1(), s.powerP1(), offset);
    }

    /**
     * For a calibration without a no-load step: keeps the current (and voltage, power) offsets of {@code known},
     * in counts, instead of assuming there are none. When {@code known} was made at another I1 PGA than this
     * front-end's, the offsets may not hold there; the result says so in one line (also for the profile's note).
     */
    public synchronized KeptOffsets keepOffsets(CalibrationProfile known) {
        int knownPga = FrontEndSetup.pgaOf(known.registers().getOrDefault(Ht7017Register.ADCCON, 0));
        int pga = frontEnd.pgaI1();
        double n2 = known.currentQuadrature() + known.registers().getOrDefault(Ht7017Register.I1_RMS_OFFSET, 0) * 32768.0;
        boolean changed = knownPga != pga;
        String warning = "";
        if (known.currentOffset() == 0 && n2 == 0) {
            warning = String.format(Locale.ROOT,
                    "no zero measured and no current offset known from %s: low currents are not covered (run the wizard for its no-load step)",
                    known.name());
        } else if (changed) {
            warning = String.format(Locale.ROOT,
                    "no zero measured: current offset %.0f counts (+%.0f in quadrature) kept from %s, measured at I1 PGA x%d, not at x%d; "
                            + "if it differs there, low currents are not covered (run the wizard for its no-load step)",
                    known.currentOffset(), Math.sqrt(Math.max(0, n2)), known.name(), knownPga, pga);
        }
        kept = new KeptOffsets(known.name(), knownPga, pga, known.currentOffset(), n2, changed, warning);
        keptVoltageOffset = known.voltageOffset();
        int gp1 = known.registers().getOrDefault(Ht7017Register.GP1, 0);
        keptPowerOffset = known.powerOffset() / (1 + (gp1 >= 0x8000 ? gp1 - 0x10000 : gp1) / 32768.0);
        solveCurrent();
        return kept;
    }

    /** Step 2, at a known point (PF 1 for the fact-sheet procedure): scales, HFConst, GP1 = GQ1 = GS1 (and GPhs1 below PF 1). */
    public synchronized GainResult calibrateGain(Reference ref, Progress progress) {
        regs.put(Ht7017Register.GP1, 0);
        regs.put(Ht7017Register.GQ1, 0);
        regs.put(Ht7017Register.GS1, 0);
        regs.put(Ht7017Register.GPHS1, 0);
        apply();
        Sample s = sampler.average(Sampler.Check.ALL, 0, progress);
        checkSignals(s, ref);
        boolean fromPower = ref.powerFactor() >= 0.999;
        double powerZero = powerZeroCounts();
        double measuredCountsPerW = fromPower ? Math.abs(s.powerP1() - powerZero) / ref.powerW() : s.powerS() / ref.apparentPowerVA();
        int ec = 0;
        int hf = 0;
        for (int c : METER_CONSTANTS) {
            long h = Math.round(measuredCountsPerW * POWER_CONSTANT / (c * TWO_23));
            if (h >= 32 && h <= 0x7FFF) {
                ec = c;
                hf = (int) h;
                break;
            }
        }
        if (ec == 0) {
            throw new CalibrationException(String.format(Locale.ROOT,
                    "the power signal (%.3f counts per watt) is out of the range this calibration handles: check the front-end's PGA (ADCCON)",
                    measuredCountsPerW));
        }
        double target = hf * (double) ec * TWO_23 / POWER_CONSTANT;
        gain = target / measuredCountsPerW - 1;
        gainHasCosTheta = fromPower;
        voltageScale = (s.rmsU() - keptVoltageOffset) / ref.voltageV();
        gainRef = ref;
        gainRms2 = s.rmsI1() * s.rmsI1() + chipQuadrature();
        solveCurrent();
        powerScale = Math.signum(s.powerP1() - powerZero) * target;
        energyScale = ec;
        regs.put(Ht7017Register.HFCONST, hf);
        setGain(gain);
        double errBefore = (measuredCountsPerW - target) / target;
        if (!fromPower) {
            double measuredW = Math.abs(s.powerP1() - powerZero) * (1 + gain) / target;
            double theta = Math.acos(clip(measuredW / ref.apparentPowerVA())) - ref.phaseRad();
            regs.put(Ht7017Register.GPHS1, encode(theta));
        }
        apply();
        Errors after = errors(sampler.average(Sampler.Check.ALL, 0, Progress.NONE), ref);
        return new GainResult(voltageScale, currentScale, powerScale, hf, ec, regs.get(Ht7017Register.GP1),
                regs.get(Ht7017Register.GPHS1), errBefore, after);
    }

    /**
     * Optional step after {@link #calibrateGain} (and the no-load step): a small current, at most half the gain
     * point's and ideally a tenth of it, read at the same registers; with the no-load reading it solves how the
     * current's zero reading combines with the signal, so low currents read true whichever way it does.
     */
    public synchronized LowCurrentResult calibrateLowCurrent(Reference ref, Progress progress) {
        requireGain();
        if (Double.isNaN(noLoadRmsI1)) {
            throw new IllegalStateException("measureOffset first");
        }
        if (ref.currentA() > gainRef.currentA() / 2) {
            throw new CalibrationException(String.format(Locale.ROOT,
                    "the low-current point needs at most half the gain point's %.3f A (a tenth is best), not %.3f A",
                    gainRef.currentA(), ref.currentA()));
        }
        Sample s = sampler.average(Sampler.Check.ALL, 0, progress);
        checkSignals(s, ref);
        Reference previousRef = lowRef;
        double previous = lowRms2;
        lowRef = ref;
        lowRms2 = s.rmsI1() * s.rmsI1() + chipQuadrature();
        try {
            solveCurrent();
        } catch (CalibrationException e) {
            lowRef = previousRef;
            lowRms2 = previous;
            solveCurrent();
            throw e;
        }
        Sample after = sampler.average(Sampler.Check.ALL, 0, Progress.NONE);
        return new LowCurrentResult(currentModel, currentA(after.rmsI1()) / ref.currentA() - 1,
                currentA(Math.sqrt(Math.max(0, gainRms2 - chipQuadrature()))) / gainRef.currentA() - 1);
    }

    /** The current model found so far (null before {@link #calibrateGain}). */
    public synchronized CurrentModel currentModel() {
        return currentModel;
    }

    /** Step 3, at PF about 0.5 inductive: GPhs1 (after {@link #calibrateGain} at PF 1). */
    public synchronized PhaseResult calibratePhase(Reference ref, Progress progress) {
        requireGain();
        if (ref.phaseRad() < Math.toRadians(30)) {
            throw new CalibrationException(String.format(Locale.ROOT,
                    "the phase step needs an inductive load near PF 0.5; the reference is at PF %.2f", Math.cos(ref.phaseRad())));
        }
        regs.put(Ht7017Register.GPHS1, 0);
        apply();
        Sample s = sampler.average(Sampler.Check.ALL, 0, progress);
        checkSignals(s, ref);
        double measuredW = (s.powerP1() - powerZeroCounts() * (1 + gain)) / powerScale;
        double err = (measuredW - ref.powerW()) / ref.powerW();
        double phi = ref.phaseRad();
        double theta;
        if (gainHasCosTheta) {
            theta = Math.atan(-err / Math.tan(phi));
            gain = (1 + gain) * Math.cos(theta) - 1;
            gainHasCosTheta = false;
            setGain(gain);
        } else {
            theta = Math.acos(clip((1 + err) * Math.cos(phi))) - phi;
        }
        regs.put(Ht7017Register.GPHS1, encode(theta));
        apply();
        Errors after = errors(sampler.average(Sampler.Check.ALL, 0, Progress.NONE), ref);
        return new PhaseResult(err, Math.toDegrees(theta), regs.get(Ht7017Register.GPHS1), after);
    }

    /** EnergyP pulses counted edge to edge over a timed run. */
    public record EnergyRun(long counts, double seconds) {
    }

    /**
     * Step 4a: counts EnergyP pulses edge to edge (first change to the last change after {@code seconds}) while
     * a load of about {@code referencePowerW} runs; the power only sets how long to wait for a pulse.
     */
    public synchronized EnergyRun runEnergy(double seconds, double referencePowerW, Progress progress) {
        requireGain();
        Reference.checkValue("power", referencePowerW, "W", Reference.MAX_VOLTAGE_V * Reference.MAX_CURRENT_A);
        double pulsesPerSecond = referencePowerW / 3.6e6 * energyScale;
        long slack = (long) ((3 / pulsesPerSecond + 10) * 1e9);
        long edgeTimeout = clock.nanoTime() + slack;
        int c0 = driver.read(Ht7017Register.ENERGY_P);
        int c1 = c0;
        while (c1 == c0) {
            pause(edgeTimeout, "EnergyP did not count: is the load on?");
            c1 = driver.read(Ht7017Register.ENERGY_P);
        }
        long t1 = clock.nanoTime();
        long end = t1 + (long) (seconds * 1e9);
        long hardEnd = end + slack;
        int c2 = c1;
        long t2 = t1;
        int shown = -1;
        while (true) {
            pause(hardEnd, "EnergyP stopped counting during the energy check");
            int c = driver.read(Ht7017Register.ENERGY_P);
            int percent = (int) Math.min(100, (clock.nanoTime() - t1) / (seconds * 1e7));
            if (percent != shown) {
                shown = percent;
                progress.update(percent, 100, Double.NaN);
            }
            if (c != c2) {
                c2 = c;
                t2 = clock.nanoTime();
                if (t2 - end >= 0) {
                    break;
                }
            }
        }
        return new EnergyRun(Ht7017Driver.energyDelta(c1, c2), (t2 - t1) / 1e9);
    }

    /**
     * Step 4b: compares a run with the reference: {@code referenceEnergyWh} when positive, else
     * {@code referencePowerW} x the run's time. A gap above 2 % makes the profile use the measured constant.
     */
    public synchronized EnergyResult judgeEnergy(EnergyRun run, double referencePowerW, double referenceEnergyWh) {
        requireGain();
        double kWh = referenceEnergyWh > 0 ? referenceEnergyWh / 1000 : referencePowerW * run.seconds() / 3.6e6;
        double measured = run.counts() / kWh;
        double expected = kWh * energyScale;
        double error = (run.counts() - expected) / expected;
        boolean adopt = Math.abs(error) > 0.02;
        if (adopt) {
            energyScale = measured;
        }
        return new EnergyResult(run.counts(), run.seconds(), expected, measured, error, adopt);
    }

    /** The calibration profile of what was measured so far (needs {@link #calibrateGain}). */
    public synchronized CalibrationProfile profile(String name, String note) {
        requireGain();
        Map<Ht7017Register, Integer> out = new LinkedHashMap<>();
        for (Map.Entry<Ht7017Register, Integer> e : regs.entrySet()) {
            out.put(e.getKey(), e.getValue());
        }
        return new CalibrationProfile(name, note, voltageScale, keptVoltageOffset, currentScale,
                currentModel.linearCounts(), currentModel.quadratureCounts2() - chipQuadrature(),
                powerScale, powerZeroCounts() * (1 + gain), 500000, energyScale, out);
    }

    /** Mean Rms_I1 at no load from step 1, NaN when it was skipped. */
    public double noLoadRmsI1() {
        return noLoadRmsI1;
    }

    /** Relative errors of the readings in {@code s} against {@code ref}, with the scales found so far. */
    public Errors errors(Sample s, Reference ref) {
        return new Errors((s.rmsU() - keptVoltageOffset) / voltageScale / ref.voltageV() - 1,
                currentA(s.rmsI1()) / ref.currentA() - 1,
                (s.powerP1() - powerZeroCounts() * (1 + gain)) / powerScale / ref.powerW() - 1);
    }

    /** Amps from an Rms_I1 reading with the registers and the current model found so far. */
    private double currentA(double rmsI1) {
        return currentModel.amps(rmsI1 * rmsI1 + chipQuadrature());
    }

    /** Rms_I1² the chip itself removes: I1RMSOFFSET x 32768 (fact sheet). */
    private double chipQuadrature() {
        return regs.getOrDefault(Ht7017Register.I1_RMS_OFFSET, 0) * 32768.0;
    }

    /** PowerP1 at no load with the power gains at 0: measured, else kept (its GP1 taken out), else 0. */
    private double powerZeroCounts() {
        return Double.isNaN(noLoadRmsI1) ? keptPowerOffset : noLoadPowerP1;
    }

    /**
     * Solves the current model from what was measured (see {@link CurrentModel}): no-load and two currents exactly;
     * no-load and one current as noise; one current with offsets kept from an earlier profile; one current alone
     * through the origin.
     */
    private void solveCurrent() {
        if (gainRef == null) {
            return;
        }
        currentModel = CurrentModel.solve(noLoadRmsI1, gainRef.currentA(), gainRms2,
                lowRef == null ? Double.NaN : lowRef.currentA(), lowRms2,
                kept == null ? 0 : kept.linearCounts(), kept == null ? 0 : kept.quadratureCounts2(),
                kept == null ? null : String.format(Locale.ROOT,
                        "kept from %s (%.0f counts add to the signal, %.0f in quadrature)%s", kept.from(), kept.linearCounts(),
                        Math.sqrt(Math.max(0, kept.quadratureCounts2())), kept.pgaChanged() ? ", measured at another PGA" : ""));
        currentScale = currentModel.scale();
    }

    /** Averages readings now with the registers found so far (for verification). */
    public synchronized Sample sample(Progress progress) {
        return sampler.average(Sampler.Check.ALL, 0, progress);
    }

    private void checkSignals(Sample s, Reference ref) {
        if (s.rmsU() < Sampler.FLOOR_COUNTS) {
            throw new CalibrationException(String.format(Locale.ROOT,
                    "reference voltage %.1f V given but the meter measures no voltage (Rms_U = %.0f): is it connected to the source?",
                    ref.voltageV(), s.rmsU()));
        }
        double noLoad = Double.isNaN(noLoadRmsI1) ? 500 : noLoadRmsI1;
        if (s.rmsI1() < Math.max(1000, 3 * noLoad) || s.powerS() < Sampler.FLOOR_COUNTS / 100) {
            throw new CalibrationException(String.format(Locale.ROOT,
                    "reference current %.3f A given but the meter measures no load current (Rms_I1 = %.0f): connect the load and close the relay",
                    ref.currentA(), s.rmsI1()));
        }
        double pf = Math.abs(s.powerP1()) / s.powerS();
        if (Math.abs(pf - ref.powerFactor()) > PF_TOLERANCE) {
            throw new CalibrationException(String.format(Locale.ROOT,
                    "the meter measures PF %.2f but the reference says PF %.2f: check the load and the reference values",
                    pf, ref.powerFactor()));
        }
    }

    private void requireGain() {
        if (Double.isNaN(powerScale)) {
            throw new IllegalStateException("calibrateGain first");
        }
    }

    private void setGain(double g) {
        if (!(g > -1 && g < 1)) {
            throw new CalibrationException(String.format(Locale.ROOT, "power gain correction %.3f is out of the chip's range", g));
        }
        int gp = encode(g);
        regs.put(Ht7017Register.GP1, gp);
        regs.put(Ht7017Register.GQ1, gp);
        regs.put(Ht7017Register.GS1, gp);
    }

    /** A signed fraction as the chip's 16-bit two's complement x 32768 (fact sheet: g ≥ 0 → g·32768, else 65536 + g·32768). */
    static int encode(double fraction) {
        long v = Math.round(fraction * 32768);
        if (v < -32768 || v > 32767) {
            throw new CalibrationException(String.format(Locale.ROOT, "correction %.4f is out of the chip's range", fraction));
        }
        return (int) (v & 0xFFFF);
    }

    private void apply() {
        if (cancelled) {
            throw new CalibrationCancelled("calibration cancelled");
        }
        touched = true;
        driver.init(regs);
        try {
            clock.sleepNanos(options.settleNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CalibrationCancelled("calibration cancelled (interrupted)");
        }
    }

    private void pause(long deadline, String timeoutMessage) {
        if (cancelled) {
            throw new CalibrationCancelled("calibration cancelled");
        }
        if (clock.nanoTime() - deadline >= 0) {
            throw new CalibrationException(timeoutMessage);
        }
        try {
            clock.sleepNanos(ENERGY_POLL_NANOS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CalibrationCancelled("calibration cancelled (interrupted)");
        }
    }

    private static double clip(double v) {
        return Math.max(-1, Math.min(1, v));
    }
}
