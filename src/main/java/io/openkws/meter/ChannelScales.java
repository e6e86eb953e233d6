package io.openkws.meter;

/**
 * A gain and an offset per channel, in a chip's raw units (register counts, or hertz for a pulse chip): how raw
 * readings become volts, amps and watts whatever the chip.
 * {@code V = (rawV - voltageOffset) / voltageScale}, {@code P = (rawP - powerOffset) / powerScale} and, for the
 * current, whose zero reading may add linearly or in quadrature,
 * {@code I = (√(rawI² - currentQuadrature) - currentOffset) / currentScale}, never below 0.
 *
 * <p>Exists so calibration (the no-load step, the one-point form, {@code verify --fit}) and the error table work
 * on one chip-neutral shape: the HT7017 profile is one ({@link CalibrationProfile#scales()}), a BL0942 or BL0937
 * profile gives its datasheet scales times its {@link Trim}.
 *
 * @param voltageScale      raw voltage units per volt
 * @param voltageOffset     raw voltage at 0 V
 * @param currentScale      raw current units per amp (after the offsets)
 * @param currentOffset     raw current at zero current that adds linearly to the signal
 * @param currentQuadrature raw current squared at zero current that adds in quadrature
 * @param powerScale        raw power units per watt (signed)
 * @param powerOffset       raw power at no load
 */
public record ChannelScales(double voltageScale, double voltageOffset, double currentScale, double currentOffset,
        double currentQuadrature, double powerScale, double powerOffset) {

    public ChannelScales {
        if (!(voltageScale > 0) || !(currentScale > 0) || powerScale == 0 || !Double.isFinite(powerScale)) {
            throw new IllegalArgumentException("scales must be nonzero (voltage and current positive)");
        }
    }

    /** The same gains without any offset (a line through the origin). */
    public static ChannelScales nominal(double voltageScale, double currentScale, double powerScale) {
        return new ChannelScales(voltageScale, 0, currentScale, 0, 0, powerScale, 0);
    }

    public double voltageV(double raw) {
        return (raw - voltageOffset) / voltageScale;
    }

    public double currentA(double raw) {
        return Math.max(0, (currentSignal(raw) - currentOffset) / currentScale);
    }

    /** The raw current with the quadrature part of the zero reading removed: what adds linearly to the offset. */
    public double currentSignal(double raw) {
        return Math.sqrt(Math.max(0, raw * raw - currentQuadrature));
    }

    public double powerW(double raw) {
        return (raw - powerOffset) / powerScale;
    }

    /** Whether every offset is 0: nothing is known of the zero readings. */
    public boolean noOffsets() {
        return voltageOffset == 0 && currentOffset == 0 && currentQuadrature == 0 && powerOffset == 0;
    }
}
