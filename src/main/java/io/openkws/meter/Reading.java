package io.openkws.meter;

/**
 * One calibrated measurement of the mains at the meter, the unit of data protection, display and MQTT work on.
 *
 * @param timestampNanos   when the fast registers were read, on the controller's clock
 * @param voltageV         RMS voltage
 * @param currentA         RMS current (never negative)
 * @param powerW           active power, positive when consuming
 * @param apparentPowerVA  apparent power (never negative)
 * @param reactivePowerVar reactive power, positive when inductive
 * @param powerFactor      P/S in [-1, 1]; 1 when there is no apparent power (no load)
 * @param frequencyHz      line frequency, 0 when unknown
 * @param energyKWh        active energy counted since the totals were last reset
 * @param raw              the chip's counts the reading came from, by datasheet name
 */
public record Reading(long timestampNanos, double voltageV, double currentA, double powerW, double apparentPowerVA,
        double reactivePowerVar, double powerFactor, double frequencyHz, double energyKWh, RawValues raw) {
}
