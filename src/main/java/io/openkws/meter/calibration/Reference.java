package io.openkws.meter.calibration;

import java.util.Locale;

/**
 * One reference operating point read off trusted bench instruments: true RMS volts, amps and watts and the power
 * factor (positive = resistive or inductive, lagging).
 *
 * <p>Exists so every typed or flagged reference is checked in one place before it can reach a register: zero,
 * negative, not finite or absurd values and a power that does not agree with V x I x PF are refused with one
 * clear line ({@link CalibrationException}).
 */
public record Reference(double voltageV, double currentA, double powerW, double powerFactor) {

    /** Largest credible bench voltage (RMS). */
    public static final double MAX_VOLTAGE_V = 450;
    /** Largest credible current for this meter (RMS). */
    public static final double MAX_CURRENT_A = 100;
    /** Largest relative gap allowed between the reference power and V x I x PF. */
    public static final double POWER_TOLERANCE = 0.05;

    /** Validates and builds a reference; {@code powerFactor} is typically 1 (resistive) or 0.5 (inductive). */
    public static Reference of(double voltageV, double currentA, double powerW, double powerFactor) {
        checkValue("voltage", voltageV, "V", MAX_VOLTAGE_V);
        checkValue("current", currentA, "A", MAX_CURRENT_A);
        checkValue("power", powerW, "W", MAX_VOLTAGE_V * MAX_CURRENT_A);
        if (!(powerFactor > 0 && powerFactor <= 1)) {
            throw new CalibrationException(String.format(Locale.ROOT,
                    "reference power factor %s must be within (0, 1] (1 = resistive, 0.5 = inductive)", fmt(powerFactor)));
        }
        double expected = voltageV * currentA * powerFactor;
        if (Math.abs(powerW - expected) > POWER_TOLERANCE * expected) {
            throw new CalibrationException(String.format(Locale.ROOT,
                    "reference power %.1f W does not match V x I x PF = %.1f x %.3f x %.2f = %.1f W (more than %.0f%% apart): check the readings",
                    powerW, voltageV, currentA, powerFactor, expected, POWER_TOLERANCE * 100));
        }
        return new Reference(voltageV, currentA, powerW, powerFactor);
    }

    /** Refuses zero, negative, not-finite and absurd values of one quantity with a one-line message. */
    public static void checkValue(String what, double value, String unit, double max) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new CalibrationException("reference " + what + " is not a number");
        }
        if (value == 0) {
            throw new CalibrationException("reference " + what + " must not be 0 " + unit);
        }
        if (value < 0) {
            throw new CalibrationException("reference " + what + " must be positive, not " + fmt(value) + " " + unit);
        }
        if (value > max) {
            throw new CalibrationException("reference " + what + " " + fmt(value) + " " + unit + " is not credible (at most "
                    + fmt(max) + " " + unit + ")");
        }
    }

    /** V x I: the apparent power of the reference point. */
    public double apparentPowerVA() {
        return voltageV * currentA;
    }

    /** The phase angle implied by the reference power: acos(P / (V x I)), clipped to [0, π/2]. */
    public double phaseRad() {
        return Math.acos(Math.max(0, Math.min(1, powerW / apparentPowerVA())));
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v) : Double.toString(v);
    }
}
