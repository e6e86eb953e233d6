package io.openkws.meter;

import java.util.Arrays;
import java.util.List;

/**
 * What a {@link Reading} holds, in a mutable holder that {@link Meter#pollMeasurement()} overwrites every poll.
 *
 * <p>Exists so the control loop, which polls about 36 times a second for years, allocates nothing per cycle: the
 * launcher's JVM compiles with C1 only, which has no escape analysis, so a record per cycle is garbage per cycle.
 * The price is a mutable object with an owner: the thread that polls the meter. Anyone else gets an immutable
 * {@link #toReading()} or a {@link #copyFrom copy} taken under the owner's lock. Not thread-safe.
 */
public final class Measurement {

    private final int[] raw = new int[RawValues.MAX_VALUES];
    private List<String> rawNames = List.of();
    private long timestampNanos;
    private double voltageV;
    private double currentA;
    private double powerW;
    private double apparentPowerVA;
    private double reactivePowerVar;
    private double powerFactor;
    private double frequencyHz;
    private double energyKWh;

    /** Takes the chip's sample and what the meter adds to it. */
    void set(ChipSample s, double powerFactor, double energyKWh) {
        timestampNanos = s.timestampNanos();
        voltageV = s.voltageV();
        currentA = s.currentA();
        powerW = s.powerW();
        apparentPowerVA = s.apparentPowerVA();
        reactivePowerVar = s.reactivePowerVar();
        this.powerFactor = powerFactor;
        frequencyHz = s.frequencyHz();
        this.energyKWh = energyKWh;
        rawNames = s.rawNames();
        for (int i = 0; i < rawNames.size(); i++) {
            raw[i] = s.rawValue(i);
        }
    }

    /** Becomes a copy of {@code other} (never throws, whatever state {@code other} is in). */
    public void copyFrom(Measurement other) {
        timestampNanos = other.timestampNanos;
        voltageV = other.voltageV;
        currentA = other.currentA;
        powerW = other.powerW;
        apparentPowerVA = other.apparentPowerVA;
        reactivePowerVar = other.reactivePowerVar;
        powerFactor = other.powerFactor;
        frequencyHz = other.frequencyHz;
        energyKWh = other.energyKWh;
        rawNames = other.rawNames;
        System.arraycopy(other.raw, 0, raw, 0, raw.length);
    }

    /** The immutable reading (allocates: for other threads and for output, not for the loop). */
    public Reading toReading() {
        return new Reading(timestampNanos, voltageV, currentA, powerW, apparentPowerVA, reactivePowerVar, powerFactor,
                frequencyHz, energyKWh, new RawValues(rawNames, Arrays.copyOf(raw, rawNames.size())));
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
}
