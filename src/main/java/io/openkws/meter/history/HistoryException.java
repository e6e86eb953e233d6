package io.openkws.meter.history;

/** A history database that cannot be read, reported to a reader (the {@code history} command) in one line. */
public final class HistoryException extends Exception {

    public HistoryException(String message) {
        super(message);
    }
}
