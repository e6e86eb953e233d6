package io.openkws.meter.calibration;

import io.openkws.meter.ChannelScales;
import io.openkws.time.Clock;
import java.util.Locale;

/**
 * The bench calibration of a chip calibrated in software only (BL0942, BL0937: a {@link CalibrationTarget}), one
 * step at a time, with the HT7017's procedure minus its registers:
 * <ol>
 * <li>{@link #begin()}: connect and configure the chip as {@code run} does;</li>
 * <li>{@link #measureOffset}: at no load, the mean raw current and power, kept as the current's zero reading and
 * the power offset;</li>
 * <li>{@link #calibrateGain}: at a known point at PF 1, the voltage gain, the power gain from P minus its no-load
 * reading, and the current model (see {@link CurrentModel#solve});</li>
 * <li>{@link #calibrateLowCurrent} (optional): a second, small current that tells how the current's zero reading
 * combines with the signal (added, or in quadrature like noise);</li>
 * <li>{@link #scales()}: the calibrated gains and offsets, written by the caller as the chip's profile.</li>
 * </ol>
 * Without the no-load step (the one-point form) the offsets of a known profile are kept ({@link #keepOffsets}),
 * never silently dropped; when that profile knows none, {@link KeptOffsets#warning()} says low currents are not
 * covered. The voltage offset is never measured (that would need 0 V): it is kept.
 *
 * <p>Exists so every software-calibrated chip shares one procedure, with what differs per chip in its target;
 * no terminal I/O. {@link #cancel()} may be called from another thread: the running step stops at its next
 * reading. Nothing needs restoring: the chip's registers are the profile's, as in {@code run}. Each step first
 * waits {@code settleNanos} (a chip's RMS registers lag the load by up to one update period: 400 ms on the
 * BL0942, one SEL cycle on the BL0937), so the user's Enter right after switching the load is not averaged in.
 */
public final class SoftwareCalibrationSession {

    /** Largest gap between a calibrated gain and the datasheet's before the step is refused (front-end mismatch). */
    static final double MAX_GAIN_RATIO = 2;
    /** Largest no-load current (by the datasheet scale) accepted as a zero reading. */
    static final double MAX_NO_LOAD_A = 0.3;

    /** Outcome of the no-load step: mean raw current and power, and the current they read as by the datasheet. */
    public record OffsetResult(double meanCurrent, double meanPower, double datasheetCurrentA) {
    }

    /** Offsets kept from a known profile; {@code warning} is one line (empty when nothing is missing). */
    public record KeptOffsets(String from, double linear, double quadrature2, double powerOffset, String warning) {
    }

    /** Outcome of the gain step: the scales found and the errors of fresh readings through them. */
    public record GainResult(ChannelScales scales, CalibrationSession.Errors before, CalibrationSession.Errors after) {
    }

    private final CalibrationTarget target;
    private final Clock clock;
    private final CalibrationSession.Options options;
    private final Sampler sampler;
    private final ChannelScales nominal;
    private volatile boolean cancelled;

    private double noLoadCurrent = Double.NaN;
    private double noLoadPower;
    private KeptOffsets kept;
    private double voltageOffset;
    private Reference gainRef;
    private double gainR2 = Double.NaN;
    private Reference lowRef;
    private double lowR2 = Double.NaN;
    private CurrentModel currentModel;
    private double voltageScale = Double.NaN;
    private double powerScale = Double.NaN;

    public SoftwareCalibrationSession(CalibrationTarget target, Clock clock, CalibrationSession.Options options) {
        this.target = target;
        this.clock = clock;
        this.options = options;
        this.sampler = new Sampler(target.source(), clock, options.sampler(), () -> cancelled);
        this.nominal = target.nominal();
    }

    public CalibrationTarget target() {
        return target;
    }

    /** Asks the running step to stop (thread-safe); it throws {@link CalibrationCancelled}. */
    public void cancel() {
        cancelled = true;
    }

    /** Connects and configures the chip, then waits for its readings to settle. Returns the target's line. */
    public synchronized String begin() {
        String line = target.begin();
        settle();
        return line;
    }

    /** At no load: the current's zero reading and the power offset, from the mean of a few readings. */
    public synchronized OffsetResult measureOffset(Progress progress) {
        settle();
        Sample s = sampler.average(Sampler.Check.VOLTAGE_ONLY, options.offsetSamples(), progress);
        double amps = s.rmsI1() / nominal.currentScale();
        if (amps > MAX_NO_LOAD_A) {
            throw new CalibrationException(String.format(Locale.ROOT,
                    "the current reads %.0f %s (%.2f A by the datasheet) with no load, too much for an offset: disconnect the load (no current may flow in this step)",
                    s.rmsI1(), target.rawUnit(), amps));
        }
        noLoadCurrent = s.rmsI1();
        noLoadPower = s.powerP1();
        solveCurrent();
        return new OffsetResult(s.rmsI1(), s.powerP1(), amps);
    }

    /**
     * For a calibration without a no-load step: keeps the offsets of {@code known} (raw units, the same chip and
     * front-end), instead of assuming there are none. When it knows no current offset, the result's warning says
     * in one line that low currents are not covered.
     */
    public synchronized KeptOffsets keepOffsets(ChannelScales known, String from) {
        String warning = "";
        if (known.currentOffset() == 0 && known.currentQuadrature() == 0) {
            warning = String.format(Locale.ROOT,
                    "no zero measured and no current offset known from %s: low currents are not covered (run the wizard for its no-load step)",
                    from);
        }
        kept = new KeptOffsets(from, known.currentOffset(), known.currentQuadrature(), known.powerOffset(), warning);
        voltageOffset = known.voltageOffset();
        solveCurrent();
        return kept;
    }

    /** At a known point at PF 1: voltage and power gains, and the current model with what was measured so far. */
    public synchronized GainResult calibrateGain(Reference ref, Progress progress) {
        if (ref.powerFactor() < 0.999) {
            throw new CalibrationException(String.format(Locale.ROOT,
                    "the %s's gain step needs a resistive load (PF 1), not PF %.2f: it has no phase to calibrate",
                    target.chipName(), ref.powerFactor()));
        }
        settle();
        Sample s = sampler.average(Sampler.Check.ALL, 0, progress);
        checkSignals(s, ref);
        CalibrationSession.Errors before = errors(nominalWithOffsets(), s, ref);
        double vScale = (s.rmsU() - voltageOffset) / ref.voltageV();
        double pScale = (s.powerP1() - powerZero()) / ref.powerW();
        checkGain("voltage", vScale, nominal.voltageScale());
        checkGain("power", pScale, nominal.powerScale());
        Reference previousRef = gainRef;
        double previousR2 = gainR2;
        gainRef = ref;
        gainR2 = s.rmsI1() * s.rmsI1();
        try {
            solveCurrent();
            checkGain("current", currentModel.scale(), nominal.currentScale());
        } catch (CalibrationException e) {
            gainRef = previousRef;
            gainR2 = previousR2;
            if (gainRef != null) {
                solveCurrent();
            }
            throw e;
        }
        voltageScale = vScale;
        powerScale = pScale;
        Sample after = sampler.average(Sampler.Check.ALL, 0, Progress.NONE);
        return new GainResult(scales(), before, errors(scales(), after, ref));
    }

    /**
     * Optional, after {@link #measureOffset} and {@link #calibrateGain}: a small current (at most half the gain
     * point's, a tenth is best) that solves the current model exactly.
     */
    public synchronized CalibrationSession.LowCurrentResult calibrateLowCurrent(Reference ref, Progress progress) {
        requireGain();
        if (Double.isNaN(noLoadCurrent)) {
            throw new IllegalStateException("measureOffset first");
        }
        if (ref.currentA() > gainRef.currentA() / 2) {
            throw new CalibrationException(String.format(Locale.ROOT,
                    "the low-current point needs at most half the gain point's %.3f A (a tenth is best), not %.3f A",
                    gainRef.currentA(), ref.currentA()));
        }
        settle();
        Sample s = sampler.average(Sampler.Check.ALL, 0, progress);
        checkSignals(s, ref);
        Reference previousRef = lowRef;
        double previous = lowR2;
        lowRef = ref;
        lowR2 = s.rmsI1() * s.rmsI1();
        try {
            solveCurrent();
        } catch (CalibrationException e) {
            lowRef = previousRef;
            lowR2 = previous;
            solveCurrent();
            throw e;
        }
        Sample after = sampler.average(Sampler.Check.ALL, 0, Progress.NONE);
        ChannelScales c = scales();
        return new CalibrationSession.LowCurrentResult(currentModel, c.currentA(after.rmsI1()) / ref.currentA() - 1,
                c.currentA(Math.sqrt(gainR2)) / gainRef.currentA() - 1);
    }

    /** The current model found so far (null before {@link #calibrateGain}). */
    public synchronized CurrentModel currentModel() {
        return currentModel;
    }

    /** The calibrated gains and offsets (needs {@link #calibrateGain}). */
    public synchronized ChannelScales scales() {
        requireGain();
        return new ChannelScales(voltageScale, voltageOffset, currentModel.scale(), currentModel.linearCounts(),
                currentModel.quadratureCounts2(), powerScale, powerZero());
    }

    /** The calibrated profile's file text (needs {@link #calibrateGain}). */
    public synchronized String profileYaml(String name, String note) {
        return target.profileYaml(scales(), name, note);
    }

    /** Relative errors of the readings in {@code s} through {@code scales} against {@code ref}. */
    public static CalibrationSession.Errors errors(ChannelScales scales, Sample s, Reference ref) {
        return new CalibrationSession.Errors(scales.voltageV(s.rmsU()) / ref.voltageV() - 1,
                scales.currentA(s.rmsI1()) / ref.currentA() - 1, scales.powerW(s.powerP1()) / ref.powerW() - 1);
    }

    private ChannelScales nominalWithOffsets() {
        return new ChannelScales(nominal.voltageScale(), voltageOffset, nominal.currentScale(), 0, 0, nominal.powerScale(),
                powerZero());
    }

    /** Raw power at no load: measured, else kept, else 0. */
    private double powerZero() {
        return !Double.isNaN(noLoadCurrent) ? noLoadPower : kept != null ? kept.powerOffset() : 0;
    }

    private void solveCurrent() {
        if (gainRef == null) {
            return;
        }
        String unit = target.rawUnit();
        currentModel = CurrentModel.solve(noLoadCurrent, gainRef.currentA(), gainR2,
                lowRef == null ? Double.NaN : lowRef.currentA(), lowR2,
                kept == null ? 0 : kept.linear(), kept == null ? 0 : kept.quadrature2(),
                kept == null || (kept.linear() == 0 && kept.quadrature2() == 0) ? null : String.format(Locale.ROOT, "kept from %s (%.4g %s add to the signal, %.4g in quadrature)",
                        kept.from(), kept.linear(), unit, Math.sqrt(Math.max(0, kept.quadrature2()))));
    }

    private void checkGain(String channel, double scale, double datasheet) {
        double ratio = scale / datasheet;
        if (!(ratio > 1 / MAX_GAIN_RATIO && ratio < MAX_GAIN_RATIO)) {
            throw new CalibrationException(String.format(Locale.ROOT,
                    "the %s reads %.3g times what the %s's datasheet scale expects at the reference: check the reference values, the wiring (power direction) and the board's calibration.yaml",
                    channel, ratio, target.chipName()));
        }
    }

    private void checkSignals(Sample s, Reference ref) {
        if (nominal.voltageV(s.rmsU()) < ref.voltageV() / 4) {
            throw new CalibrationException(String.format(Locale.ROOT,
                    "reference voltage %.1f V given but the meter measures no voltage (%.0f %s): is it connected to the source?",
                    ref.voltageV(), s.rmsU(), target.rawUnit()));
        }
        double noLoad = Double.isNaN(noLoadCurrent) ? 0 : noLoadCurrent;
        double amps = nominal.currentA(s.rmsI1());
        if (amps < ref.currentA() / 4 || s.rmsI1() < 3 * noLoad) {
            throw new CalibrationException(String.format(Locale.ROOT,
                    "reference current %.3f A given but the meter measures no load current (%.0f %s): connect the load and close the relay",
                    ref.currentA(), s.rmsI1(), target.rawUnit()));
        }
        double pf = s.powerS() == 0 ? 0 : Math.abs(s.powerP1() - powerZero()) / s.powerS();
        if (Math.abs(pf - ref.powerFactor()) > CalibrationSession.PF_TOLERANCE) {
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

    private void settle() {
        if (cancelled) {
            throw new CalibrationCancelled("calibration cancelled");
        }
        try {
            clock.sleepNanos(options.settleNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CalibrationCancelled("calibration cancelled (interrupted)");
        }
    }
}
