package io.openkws.ui;

import java.util.Locale;

/**
 * Numbers formatted for people (status line, terminal console): fixed decimals, '.' as the separator, and never
 * a negative zero.
 *
 * <p>Exists because {@code String.format("%.1f", -0.04)} gives {@code -0.0}: a meter at rest, whose power reading
 * jitters around zero, showed {@code -0.0 W}. A value that rounds to zero is shown as zero whatever its sign.
 */
public final class HumanNumbers {

    private HumanNumbers() {
    }

    /** {@code value} with exactly {@code decimals} decimals; "-0.0" and the like become "0.0". */
    public static String fixed(double value, int decimals) {
        String text = String.format(Locale.ROOT, "%." + decimals + "f", value);
        if (text.startsWith("-") && text.chars().allMatch(c -> c == '-' || c == '0' || c == '.')) {
            return text.substring(1);
        }
        return text;
    }

    /** The reading of the headless status line: {@code 230.1 V 0.000 A 0.0 W 50.00 Hz}. */
    public static String statusReading(double voltageV, double currentA, double powerW, double frequencyHz) {
        return fixed(voltageV, 1) + " V " + fixed(currentA, 3) + " A " + fixed(powerW, 1) + " W "
                + fixed(frequencyHz, 2) + " Hz";
    }

    /**
     * {@code value}, or +0.0 when it rounds to zero at {@code decimals} decimals, for callers that keep their own
     * format string (column widths).
     */
    public static double unsignedZero(double value, int decimals) {
        return Math.abs(value) < 0.5 * Math.pow(10, -decimals) ? 0.0 : value;
    }
}
