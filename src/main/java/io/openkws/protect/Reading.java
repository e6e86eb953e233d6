package io.openkws.protect;

/**
 * One calibrated measurement handed to the engine: RMS volts, RMS amps and active watts.
 *
 * <p>Exists so the engine depends on three numbers, not on the meter package. A reading with a non-finite value
 * is not valid: the engine treats it like no reading at all (it counts towards METER_LOST).
 */
public record Reading(double voltageV, double currentA, double powerW) {

    /** Whether every value is a finite number. */
    public boolean valid() {
        return Double.isFinite(voltageV) && Double.isFinite(currentA) && Double.isFinite(powerW);
    }
}
