package io.openkws.io.serial;

import io.openkws.UserInput;

/**
 * A serial port that cannot be used as given: not a path, absent, not a serial device, in use or not permitted.
 *
 * <p>Exists so an absent or wrong UART is reported as the user's to fix, naming the path; {@code cli} maps it to
 * one line and exit code 2. Failures of a port that was open are reported through the link, not with this. The message is one line, bounded by {@link UserInput#bounded}.
 */
public final class SerialPortException extends RuntimeException {
    public SerialPortException(String message) {
        super(UserInput.bounded(message));
    }

    public SerialPortException(String message, Throwable cause) {
        super(UserInput.bounded(message), cause);
    }
}
