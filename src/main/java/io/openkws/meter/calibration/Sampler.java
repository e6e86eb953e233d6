package io.openkws.meter.calibration;

import io.openkws.driver.ht7017.Ht7017Driver;
import io.openkws.driver.ht7017.Ht7017Register;
import io.openkws.time.Clock;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.function.BooleanSupplier;

/**
 * Averages a metering chip's raw readings (the HT7017's measurement registers, a BL0942's, a BL0937's frequencies)
 * for one calibration step and waits until they are stable: it keeps
 * the last {@code samples} readings, one every {@code intervalNanos}, and returns their mean once the relative
 * spread (max - min) / |mean| of every checked quantity is below {@code maxSpread}; after {@code timeoutNanos}
 * without a stable window it refuses the step with one clear line.
 *
 * <p>Exists because a bench source drifts and a load warms up: a calibration taken from one reading, or from
 * readings taken while the load settles, is off by the drift. Quantities near zero (current at no load) are
 * averaged but not checked for spread: relative spread means nothing there.
 */
public final class Sampler {

    /**
     * @param samples        readings averaged per step
     * @param intervalNanos  time between readings (at least the chip's update period, else readings repeat)
     * @param maxSpread      largest relative spread accepted
     * @param timeoutNanos   longest wait for a stable window
     */
    public record Options(int samples, long intervalNanos, double maxSpread, long timeoutNanos) {
        public Options {
            if (samples < 2 || intervalNanos <= 0 || !(maxSpread > 0) || timeoutNanos <= 0) {
                throw new IllegalArgumentException("bad sampler options");
            }
        }

        public static Options defaults() {
            return new Options(8, 250_000_000L, 0.005, 30_000_000_000L);
        }
    }

    /** Which readings a step checks for stability. */
    public enum Check { VOLTAGE_ONLY, ALL }

    /**
     * One fresh raw reading of a chip, in its own units: voltage, current, active power (signed where the chip
     * gives a sign) and apparent power, in that order.
     */
    @FunctionalInterface
    public interface Source {
        void read(double[] into);

        /** Readings below this (raw units) are the noise floor, averaged but not checked for spread. */
        default double floor() {
            return FLOOR_COUNTS;
        }
    }

    private final Source source;
    private final Clock clock;
    private final Options options;
    private final BooleanSupplier cancelled;

    /** Averages the HT7017's Rms_U, Rms_I1, PowerP1 and PowerS. */
    public Sampler(Ht7017Driver driver, Clock clock, Options options, BooleanSupplier cancelled) {
        this(into -> {
            into[0] = driver.read(Ht7017Register.RMS_U);
            into[1] = driver.read(Ht7017Register.RMS_I1);
            into[2] = driver.read(Ht7017Register.POWER_P1);
            into[3] = driver.read(Ht7017Register.POWER_S);
        }, clock, options, cancelled);
    }

    public Sampler(Source source, Clock clock, Options options, BooleanSupplier cancelled) {
        this.source = source;
        this.clock = clock;
        this.options = options;
        this.cancelled = cancelled;
    }

    public Options options() {
        return options;
    }

    /** Averages {@code samples} stable readings (or {@code count} when given &gt; 0). */
    public Sample average(Check check, int count, Progress progress) {
        int n = count > 0 ? count : options.samples();
        ArrayDeque<double[]> window = new ArrayDeque<>();
        long deadline = clock.nanoTime() + options.timeoutNanos();
        double spread = Double.NaN;
        while (true) {
            if (cancelled.getAsBoolean()) {
                throw new CalibrationCancelled("calibration cancelled");
            }
            double[] reading = new double[4];
            source.read(reading);
            window.addLast(reading);
            if (window.size() > n) {
                window.removeFirst();
            }
            spread = spread(window, check, source.floor());
            progress.update(window.size(), n, spread);
            if (window.size() == n && spread <= options.maxSpread()) {
                double[] mean = new double[4];
                for (double[] r : window) {
                    for (int k = 0; k < 4; k++) {
                        mean[k] += r[k] / n;
                    }
                }
                return new Sample(mean[0], mean[1], mean[2], mean[3], n, spread);
            }
            if (clock.nanoTime() - deadline >= 0) {
                throw new CalibrationException(String.format(Locale.ROOT,
                        "readings did not settle within %.0f s (spread %.2f%%, limit %.2f%%): is the source and the load steady?",
                        options.timeoutNanos() / 1e9, spread * 100, options.maxSpread() * 100));
            }
            try {
                clock.sleepNanos(options.intervalNanos());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CalibrationCancelled("calibration cancelled (interrupted)");
            }
        }
    }

    /** HT7017 and BL0942 raw readings below this are noise floor, not a signal to check for spread. */
    static final double FLOOR_COUNTS = 2000;

    private static double spread(ArrayDeque<double[]> window, Check check, double floor) {
        if (window.size() < 2) {
            return Double.NaN;
        }
        int quantities = check == Check.ALL ? 4 : 1;
        double worst = 0;
        for (int k = 0; k < quantities; k++) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            double sum = 0;
            for (double[] r : window) {
                min = Math.min(min, r[k]);
                max = Math.max(max, r[k]);
                sum += r[k];
            }
            double mean = Math.abs(sum / window.size());
            if (mean < floor) {
                continue;
            }
            worst = Math.max(worst, (max - min) / mean);
        }
        return worst;
    }
}
