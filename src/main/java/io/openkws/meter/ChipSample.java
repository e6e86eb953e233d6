package io.openkws.meter;

import java.util.List;

/**
 * What one poll of a {@link MeterChip} measured: calibrated volts, amps, watts, var, VA and hertz, whether the
 * chip's energy counter should be moving at this power, and the chip's raw counts by datasheet name.
 *
 * <p>Mutable on purpose: each chip owns one and refills it every poll, and the {@link Meter} copies it into its
 * own reused {@link Measurement}, so a poll cycle allocates nothing. Values stay valid until the chip's next poll; nothing but the meter should hold on to it.
 */
public final class ChipSample {

    private final List<String> rawNames;
    private final int[] raw;
    private long timestampNanos;
    private double voltageV;
    private double currentA;
    private double powerW;
    private double reactivePowerVar;
    private double apparentPowerVA;
    private double frequencyHz;
    private boolean energyExpected;

    /** @param rawNames the chip's register names for {@link RawValues}, in its order (kept, not copied) */
    public ChipSample(List<String> rawNames) {
        this.rawNames = List.copyOf(rawNames);
        this.raw = new int[rawNames.size()];
    }

    /**
     * Sets the calibrated values of this poll.
     *
     * @param timestampNanos when the fast registers were read, on the controller's clock
     * @param energyExpected true when the power is above the chip's start (creep) threshold, so its energy
     *                       counter must advance: the meter's stall check uses it to detect a chip that lost its
     *                       configuration
     */
    public void set(long timestampNanos, double voltageV, double currentA, double powerW, double reactivePowerVar,
                    double apparentPowerVA, double frequencyHz, boolean energyExpected) {
        this.timestampNanos = timestampNanos;
        this.voltageV = voltageV;
        this.currentA = currentA;
        this.powerW = powerW;
        this.reactivePowerVar = reactivePowerVar;
        this.apparentPowerVA = apparentPowerVA;
        this.frequencyHz = frequencyHz;
        this.energyExpected = energyExpected;
    }

    /** Sets the raw count at {@code index} of the chip's name list. */
    public void raw(int index, int value) {
        raw[index] = value;
    }

    public long timestampNanos() {
        return timestampNanos;
    }

    public double voltageV() {
        return voltageV;
    }

    public double currentA() {
        return currentA;
    }

    public double powerW() {
        return powerW;
    }

    public double reactivePowerVar() {
        return reactivePowerVar;
    }

    public double apparentPowerVA() {
        return apparentPowerVA;
    }

    public double frequencyHz() {
        return frequencyHz;
    }

    public boolean energyExpected() {
        return energyExpected;
    }

    /** The chip's register names of the raw view, in its order. */
    public List<String> rawNames() {
        return rawNames;
    }

    /** The raw count at {@code index} of {@link #rawNames()}. */
    public int rawValue(int index) {
        return raw[index];
    }

}
