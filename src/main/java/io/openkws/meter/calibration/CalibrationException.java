package io.openkws.meter.calibration;

import io.openkws.UserInput;

/**
 * A calibration that cannot go on as the user set it up: an implausible reference value, a reading that will not
 * settle, a correction outside the chip's range, a profile that cannot be written.
 *
 * <p>Exists so a front-end (the terminal wizard) can show the problem and offer the step again, and so
 * {@code cli} maps it to one line and exit code 2. The message is one line, bounded by {@link UserInput#bounded}.
 */
public class CalibrationException extends RuntimeException {
    public CalibrationException(String message) {
        super(UserInput.bounded(message));
    }

    public CalibrationException(String message, Throwable cause) {
        super(UserInput.bounded(message), cause);
    }
}
