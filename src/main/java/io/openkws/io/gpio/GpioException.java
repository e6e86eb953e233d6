package io.openkws.io.gpio;

import io.openkws.UserInput;

/**
 * A GPIO line that cannot be created as the board file says, or no GPIO provider at all.
 *
 * <p>Exists so a wrong pin or a build without the device profile is reported as the user's to fix; {@code cli}
 * maps it to one line and exit code 2. The message is one line, bounded by {@link UserInput#bounded}.
 */
public final class GpioException extends RuntimeException {
    public GpioException(String message) {
        super(UserInput.bounded(message));
    }

    public GpioException(String message, Throwable cause) {
        super(UserInput.bounded(message), cause);
    }
}
