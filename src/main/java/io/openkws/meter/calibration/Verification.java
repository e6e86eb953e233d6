package io.openkws.meter.calibration;

import io.openkws.driver.ht7017.Ht7017Driver;
import io.openkws.meter.CalibrationProfile;
import io.openkws.meter.ChannelScales;
import io.openkws.time.Clock;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * Checks a calibration profile against reference points: loads the profile into the chip (as the meter does at
 * start), averages stable readings at each point, converts them with the profile and reports the relative errors.
 * Several points give a least-squares fit of each channel's gain AND offset (raw = k x reference + b, affine, not
 * a line through the origin), which {@link #fit} writes into an improved profile. The current is fitted after the
 * quadrature part of its zero reading (the profile's {@code currentQuadrature}) is taken out, so what remains is
 * affine in the current. A channel whose points all share one reference value cannot show an offset: its offset
 * is kept and only its gain fitted.
 *
 * Works on any chip: the HT7017 through its profile's registers and scales, a software-calibrated chip (BL0942,
 * BL0937) through its {@link CalibrationTarget}; the fit is on {@link ChannelScales}, chip-neutral.
 *
 * <p>Exists because one calibration point says nothing about linearity: checking at other voltages and currents
 * is how a user learns what the meter is worth, and combining them averages out one point's reference error.
 */
public final class Verification {

    /** One verified point: the reference, the averaged raw readings and the readings through the profile. */
    public record Point(Reference reference, Sample sample, double voltageV, double currentA, double powerW) {
        public double voltageError() {
            return voltageV / reference.voltageV() - 1;
        }

        public double currentError() {
            return currentA / reference.currentA() - 1;
        }

        public double powerError() {
            return powerW / reference.powerW() - 1;
        }
    }

    private final Clock clock;
    private final ChannelScales scales;
    private final Sampler sampler;
    private final long settleNanos;
    private final Supplier<String> starter;

    /** Verifies an HT7017 profile: {@link #begin()} writes its registers. */
    public Verification(Ht7017Driver driver, Clock clock, CalibrationProfile profile, Sampler.Options options,
            long settleNanos) {
        this.clock = clock;
        this.scales = profile.scales();
        this.sampler = new Sampler(driver, clock, options, () -> Thread.currentThread().isInterrupted());
        this.settleNanos = settleNanos;
        IntSupplier begin = () -> {
            int id = driver.probe();
            driver.init(profile.registers());
            return id;
        };
        this.starter = () -> String.format(java.util.Locale.ROOT, "HT7017 DeviceID 0x%06X", begin.getAsInt());
    }

    /** Verifies the profile a software-calibrated chip's target was built with. */
    public Verification(CalibrationTarget target, Clock clock, Sampler.Options options, long settleNanos) {
        this.clock = clock;
        this.scales = target.profileScales();
        this.sampler = new Sampler(target.source(), clock, options, () -> Thread.currentThread().isInterrupted());
        this.settleNanos = settleNanos;
        this.starter = target::begin;
    }

    /** Probes and initialises the chip with the profile (as {@code run} does). Returns one line saying what answered. */
    public String begin() throws InterruptedException {
        String line = starter.get();
        clock.sleepNanos(settleNanos);
        return line;
    }

    /** Averages stable readings now and compares them with {@code ref}. */
    public Point measure(Reference ref, Progress progress) {
        Sample s = sampler.average(Sampler.Check.ALL, 0, progress);
        return point(scales, ref, s);
    }

    /** A point from readings already averaged. */
    public static Point point(CalibrationProfile profile, Reference ref, Sample s) {
        return point(profile.scales(), ref, s);
    }

    /** A point from readings already averaged, through any chip's scales. */
    public static Point point(ChannelScales scales, Reference ref, Sample s) {
        return new Point(ref, s, scales.voltageV(s.rmsU()), scales.currentA(s.rmsI1()), scales.powerW(s.powerP1()));
    }

    /** A gain and an offset fitted to one channel: raw = gain x reference + offset. */
    public record Line(double gain, double offset, boolean offsetFitted) {
    }

    /**
     * Least squares of {@code raw = gain x ref + offset} over the points; when every reference is the same (no
     * leverage on an offset) the offset stays {@code keptOffset} and only the gain is fitted.
     */
    public static Line affine(double[] ref, double[] raw, double keptOffset) {
        int n = ref.length;
        double mx = 0;
        double my = 0;
        for (int k = 0; k < n; k++) {
            mx += ref[k] / n;
            my += raw[k] / n;
        }
        double sxx = 0;
        double sxy = 0;
        for (int k = 0; k < n; k++) {
            sxx += (ref[k] - mx) * (ref[k] - mx);
            sxy += (ref[k] - mx) * (raw[k] - my);
        }
        double spread = Math.sqrt(sxx / n);
        if (n < 2 || spread < 0.05 * Math.abs(mx)) {
            double xy = 0;
            double xx = 0;
            for (int k = 0; k < n; k++) {
                xy += (raw[k] - keptOffset) * ref[k];
                xx += ref[k] * ref[k];
            }
            return new Line(xy / xx, keptOffset, false);
        }
        double gain = sxy / sxx;
        return new Line(gain, my - gain * mx, true);
    }

    /** The fitted lines of the voltage, current and power channels (in that order). */
    public static List<Line> lines(CalibrationProfile p, List<Point> points) {
        return lines(p.scales(), points);
    }

    /** The fitted lines of the voltage, current and power channels (in that order), through any chip's scales. */
    public static List<Line> lines(ChannelScales p, List<Point> points) {
        if (points.isEmpty()) {
            throw new IllegalArgumentException("no points");
        }
        int n = points.size();
        double[] v = new double[n];
        double[] u = new double[n];
        double[] i = new double[n];
        double[] ic = new double[n];
        double[] w = new double[n];
        double[] pc = new double[n];
        for (int k = 0; k < n; k++) {
            Point pt = points.get(k);
            v[k] = pt.reference().voltageV();
            u[k] = pt.sample().rmsU();
            i[k] = pt.reference().currentA();
            ic[k] = p.currentSignal(pt.sample().rmsI1());
            w[k] = pt.reference().powerW();
            pc[k] = pt.sample().powerP1();
        }
        return List.of(affine(v, u, p.voltageOffset()), affine(i, ic, p.currentOffset()), affine(w, pc, p.powerOffset()));
    }

    /** The profile with each channel's gain and offset fitted to {@code points} by least squares. */
    public static CalibrationProfile fit(CalibrationProfile p, List<Point> points, String note) {
        ChannelScales f = fit(p.scales(), points);
        return p.withScales(note, f.voltageScale(), f.voltageOffset(), f.currentScale(), f.currentOffset(),
                f.currentQuadrature(), f.powerScale(), f.powerOffset());
    }

    /** The scales with each channel's gain and offset fitted to {@code points} (the current's quadrature part kept). */
    public static ChannelScales fit(ChannelScales p, List<Point> points) {
        List<Line> l = lines(p, points);
        return new ChannelScales(l.get(0).gain(), l.get(0).offset(), l.get(1).gain(), l.get(1).offset(),
                p.currentQuadrature(), l.get(2).gain(), l.get(2).offset());
    }
}
