package io.openkws.app;

import io.openkws.UserInput;

/**
 * A device that cannot start as configured: a watchdog path that is not a watchdog, a scenario step the chosen
 * board cannot simulate.
 *
 * <p>Exists so the assembly reports what the user must change in one line; {@code cli} maps it to exit code 2. The message is one line, bounded by {@link UserInput#bounded}.
 */
public final class StartupException extends RuntimeException {
    public StartupException(String message) {
        super(UserInput.bounded(message));
    }

    public StartupException(String message, Throwable cause) {
        super(UserInput.bounded(message), cause);
    }
}
