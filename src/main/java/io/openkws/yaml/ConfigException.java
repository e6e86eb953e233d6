package io.openkws.yaml;

import io.openkws.UserInput;

/**
 * A configuration, board, scenario, profile, front-end or segment-map file that cannot be used; the message names
 * file, line and key.
 *
 * <p>Exists so every file the user edits fails the same way, whichever layer reads it; {@code cli} maps it to one
 * line and exit code 2. The message is one line, bounded by {@link UserInput#bounded}.
 */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(UserInput.bounded(message));
    }

    public ConfigException(String message, Throwable cause) {
        super(UserInput.bounded(message), cause);
    }
}
