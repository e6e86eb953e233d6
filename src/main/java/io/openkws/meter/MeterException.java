package io.openkws.meter;

/**
 * The metering chip could not be started or read, whichever chip it is (no answer, bad frames after every retry,
 * a port that went away).
 *
 * <p>Exists so the control loop, the CLI and the calibration tools catch one chip-neutral failure: each
 * {@link MeterChip} turns its driver's own exception into this one, with the driver's message and the original
 * as the cause. Unchecked so the steady-state read path stays free of checked-exception plumbing; the caller
 * counts the time without a valid reading (METER_LOST).
 */
public class MeterException extends RuntimeException {

    public MeterException(String message) {
        super(message);
    }

    public MeterException(String message, Throwable cause) {
        super(message, cause);
    }
}
