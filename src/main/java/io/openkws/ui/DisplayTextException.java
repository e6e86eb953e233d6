package io.openkws.ui;

import io.openkws.UserInput;

/**
 * Text, a field or a segment the display cannot show: a character the seven-segment font lacks, a text longer
 * than its field, a field or segment the segment map does not have.
 *
 * <p>Exists so {@code lcd draw} and friends report what the user asked for as impossible, not as a bug;
 * {@code cli} maps it to one line and exit code 2. The message is one line, bounded by {@link UserInput#bounded}.
 */
public final class DisplayTextException extends RuntimeException {
    public DisplayTextException(String message) {
        super(UserInput.bounded(message));
    }

    public DisplayTextException(String message, Throwable cause) {
        super(UserInput.bounded(message), cause);
    }
}
