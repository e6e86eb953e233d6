package io.openkws.meter.calibration;

import java.util.Locale;

/**
 * How a current channel's RMS counts follow the current: {@code R² = (k·I + a)² + n²}, where {@code k} is the gain
 * (counts per amp), {@code a} an offset that adds to the signal and {@code n} noise that adds in quadrature. R is
 * the RMS before any correction the chip makes itself (for the HT7017, Rms_I1² + I1RMSOFFSET × 32768).
 *
 * <p>Exists because a zero-current reading alone cannot say whether it adds linearly or in quadrature, and the two
 * differ by percents at low currents; this is the one place that decides from what was measured, chip-neutral
 * (no register knowledge), so every chip's calibration can share it. Each factory names what it assumed in
 * {@link #source()}, which goes into the profile's note.
 *
 * @param scale            k, counts per amp
 * @param linearCounts     a, counts that add to the signal
 * @param quadratureCounts2 n², counts² that add in quadrature (may be slightly negative from measurement noise)
 * @param source           one line: how the offset was found
 */
public record CurrentModel(double scale, double linearCounts, double quadratureCounts2, String source) {

    /**
     * Solved exactly from the zero reading {@code r0} and two currents (R² at each): with d = R² - r0²,
     * d = k²·I² + 2·k·a·I is linear in k² and 2ka.
     */
    public static CurrentModel exact(double r0, double gainA, double gainR2, double lowA, double lowR2) {
        double d1 = gainR2 - r0 * r0;
        double d2 = lowR2 - r0 * r0;
        double det = gainA * gainA * lowA - lowA * lowA * gainA;
        double x = (d1 * lowA - d2 * gainA) / det;
        double y = (gainA * gainA * d2 - lowA * lowA * d1) / det;
        if (!(x > 0) || det == 0) {
            throw new CalibrationException(String.format(Locale.ROOT,
                    "the low-current point (%.3f A) does not fit the no-load and gain readings: check the reference current and that the load was steady",
                    lowA));
        }
        double k = Math.sqrt(x);
        double a = y / (2 * k);
        if (Math.abs(a) > 4 * r0 + 50) {
            throw new CalibrationException(String.format(Locale.ROOT,
                    "the low-current point (%.3f A) implies a current offset of %.0f counts, more than the no-load reading (%.0f) allows: check the reference current",
                    lowA, a, r0));
        }
        double n2 = r0 * r0 - a * a;
        return checked(k, a, n2, String.format(Locale.ROOT,
                "measured at no load, %.3f A and %.3f A: %.0f counts add to the signal, %.0f in quadrature", lowA, gainA, a,
                Math.signum(n2) * Math.sqrt(Math.abs(n2))), gainA);
    }

    /**
     * The model from whatever a calibration measured, the one rule every chip's calibration follows: the zero
     * reading {@code r0} and two currents exactly; the zero reading and one current as noise; one current with
     * offsets kept from an earlier profile ({@code keptNote} non-null says from where); one current alone through
     * the origin. {@code r0} and {@code lowA} are NaN when not measured; R² values are uncorrected.
     */
    public static CurrentModel solve(double r0, double gainA, double gainR2, double lowA, double lowR2,
            double keptLinear, double keptQuadrature2, String keptNote) {
        if (!Double.isNaN(r0) && !Double.isNaN(lowA)) {
            return exact(r0, gainA, gainR2, lowA, lowR2);
        }
        if (!Double.isNaN(r0)) {
            return noise(r0, gainA, gainR2);
        }
        if (keptNote != null) {
            return kept(keptLinear, keptQuadrature2, keptNote, gainA, gainR2);
        }
        return none(gainA, gainR2);
    }

    /** From the zero reading and one current, taking the zero reading as noise (a = 0): the fact sheet's model. */
    public static CurrentModel noise(double r0, double gainA, double gainR2) {
        return checked(Math.sqrt(Math.max(0, gainR2 - r0 * r0)) / gainA, 0, r0 * r0, String.format(Locale.ROOT,
                "measured at no load (%.0f counts), taken as noise adding in quadrature (no low-current point to tell)", r0), gainA);
    }

    /** From one current with offsets kept from an earlier profile ({@code note} says from where). */
    public static CurrentModel kept(double linearCounts, double quadratureCounts2, String note, double gainA, double gainR2) {
        double k = (Math.sqrt(Math.max(0, gainR2 - quadratureCounts2)) - linearCounts) / gainA;
        return checked(k, linearCounts, quadratureCounts2, note, gainA);
    }

    /** From one current alone: a line through the origin. */
    public static CurrentModel none(double gainA, double gainR2) {
        return checked(Math.sqrt(gainR2) / gainA, 0, 0, "none known and none measured", gainA);
    }

    private static CurrentModel checked(double k, double a, double n2, String source, double gainA) {
        if (!(k > 0)) {
            throw new CalibrationException(String.format(Locale.ROOT,
                    "the current reading at %.3f A is not above the offset: check the reference current and the load", gainA));
        }
        return new CurrentModel(k, a, n2, source);
    }

    /** Amps for an uncorrected RMS squared, R² (never below 0). */
    public double amps(double rms2) {
        return Math.max(0, (Math.sqrt(Math.max(0, rms2 - quadratureCounts2)) - linearCounts) / scale);
    }
}
