package io.openkws.bench;

import io.openkws.UserInput;

/**
 * A bench that cannot run on this machine as it is: the built jar or the launcher it measures is missing.
 *
 * <p>Exists so {@code openkws bench} says what to do first instead of failing with a stack trace; {@code cli}
 * maps it to one line and exit code 2. The message is one line, bounded by {@link UserInput#bounded}.
 */
public final class BenchSetupException extends RuntimeException {
    public BenchSetupException(String message) {
        super(UserInput.bounded(message));
    }

    public BenchSetupException(String message, Throwable cause) {
        super(UserInput.bounded(message), cause);
    }
}
