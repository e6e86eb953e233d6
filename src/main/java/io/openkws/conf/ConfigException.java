package io.openkws.conf;

import io.openkws.UserError;

/** A configuration, board, scenario or profile file that cannot be used; the message names file, line and key. */
public final class ConfigException extends UserError {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
