package io.openkws.decode;

import io.openkws.UserInput;

/**
 * A capture or bus trace that cannot be decoded as given (unreadable, not UTF-8, a token that is not a byte, a
 * line without a direction, a malformed CSV row), or a decoder output that cannot be written; the message names
 * the file and line.
 *
 * <p>Exists so the decoders report a bad input as the user's to fix, not as a bug; {@code cli} maps it to one
 * line and exit code 2. The message is one line, bounded by {@link UserInput#bounded}.
 */
public final class CaptureException extends RuntimeException {
    public CaptureException(String message) {
        super(UserInput.bounded(message));
    }

    public CaptureException(String message, Throwable cause) {
        super(UserInput.bounded(message), cause);
    }
}
