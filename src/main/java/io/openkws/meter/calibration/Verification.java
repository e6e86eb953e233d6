package io.openkws.meter.calibration;

import io.openkws.driver.ht7017.Ht7017Driver;
import io.openkws.meter.CalibrationProfile;
import io.openkws.time.Clock;
import java.util.List;

/**
 * Checks a calibration profile against reference points: loads the profile into the chip (as the meter does at
 * start), averages stable readings at each point, converts them with the profile and reports the relative errors.
 * Several points give a least-squares fit of the voltage and current scales (raw = k x reference through the
 * origin, after the software current offset), which {@link #fit} writes into an improved profile.
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

    private final Ht7017Driver driver;
    private final Clock clock;
    private final CalibrationProfile profile;
    private final Sampler sampler;
    private final long settleNanos;

    public Verification(Ht7017Driver driver, Clock clock, CalibrationProfile profile, Sampler.Options options,
            long settleNanos) {
        this.driver = driver;
        this.clock = clock;
        this.profile = profile;
        this.sampler = new Sampler(driver, clock, options, () -> Thread.currentThread().isInterrupted());
        this.settleNanos = settleNanos;
    }

    /** Probes and initialises the chip with the profile's registers. Returns DeviceID. */
    public int begin() throws InterruptedException {
        int id = driver.probe();
        driver.init(profile.registers());
        clock.sleepNanos(settleNanos);
        return id;
    }

    /** Averages stable readings now and compares them with {@code ref}. */
    public Point measure(Reference ref, Progress progress) {
        Sample s = sampler.average(Sampler.Check.ALL, 0, progress);
        return point(profile, ref, s);
    }

    /** A point from readings already averaged. */
    public static Point point(CalibrationProfile profile, Reference ref, Sample s) {
        return new Point(ref, s, s.rmsU() / profile.voltageScale(),
                Math.max(0, (s.rmsI1() - profile.currentOffset()) / profile.currentScale()),
                s.powerP1() / profile.powerScale());
    }

    /** The profile with its voltage and current scales fitted to {@code points} by least squares. */
    public static CalibrationProfile fit(CalibrationProfile p, List<Point> points, String note) {
        if (points.isEmpty()) {
            throw new IllegalArgumentException("no points");
        }
        double uxy = 0;
        double uxx = 0;
        double ixy = 0;
        double ixx = 0;
        for (Point pt : points) {
            double v = pt.reference().voltageV();
            double i = pt.reference().currentA();
            uxy += pt.sample().rmsU() * v;
            uxx += v * v;
            ixy += (pt.sample().rmsI1() - p.currentOffset()) * i;
            ixx += i * i;
        }
        return new CalibrationProfile(p.name(), note, uxy / uxx, ixy / ixx, p.currentOffset(), p.powerScale(),
                p.frequencyConstant(), p.energyCountsPerKWh(), p.registers());
    }
}
