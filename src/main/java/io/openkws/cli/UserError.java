package io.openkws.cli;

import io.openkws.UserInput;

/**
 * A mistake in what the user gave the command line itself (a bad flag combination, a file a subcommand cannot use
 * as asked), reported as one line and exit code 2.
 *
 * <p>Exists so the command line can tell user mistakes, which get one clear line and a non-zero exit, from
 * programming errors, which deserve a stack trace. Layers below {@code cli} never throw it: they throw their own
 * domain exceptions ({@code ConfigException}, {@code CaptureException}, ...) and {@link Main} maps those to the
 * same exit. The message is {@link UserInput#bounded bounded}: one line, quoted values shortened, capped.
 */
public class UserError extends RuntimeException {
    public UserError(String message) {
        super(UserInput.bounded(message));
    }

    public UserError(String message, Throwable cause) {
        super(UserInput.bounded(message), cause);
    }
}
