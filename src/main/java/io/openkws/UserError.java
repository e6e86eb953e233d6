package io.openkws;

/**
 * A problem the user can fix (bad flag, unreadable file, out-of-range setting, absent device).
 *
 * <p>Exists so the command line can tell user mistakes, which get one clear line and a non-zero exit, from
 * programming errors, which deserve a stack trace. The message must stand on its own as that one line.
 */
public class UserError extends RuntimeException {
    public UserError(String message) {
        super(message);
    }

    public UserError(String message, Throwable cause) {
        super(message, cause);
    }
}
