package io.openkws.decode;

/**
 * Bytes a decoder could not turn into a frame (garbage, a truncated or impossible frame, an unexpected reply),
 * with the line where they start and a one-line explanation.
 *
 * <p>Exists so that bad input is reported and skipped, never silently dropped and never fatal: the frames after
 * it still decode.
 */
public record DecodeProblem(int line, String message) implements DecodeEvent {

    /** {@code line N: message}, the form both the human and the JSON output print. */
    public String describe() {
        return "line " + line + ": " + message;
    }
}
