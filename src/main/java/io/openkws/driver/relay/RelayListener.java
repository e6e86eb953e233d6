package io.openkws.driver.relay;

/**
 * Told when {@link LatchingRelay} energises and releases a coil.
 *
 * <p>Exists because relay events are stamped at the start of the coil pulse, which may come later than the
 * command (minimum interval) and on the timer thread: the controller learns the exact time here.
 */
public interface RelayListener {

    /** A coil pulse started at {@code nanos}: the ON coil when {@code closing}, else the OFF coil. */
    void onPulseStart(boolean closing, long nanos);

    /** The pulse ended at {@code nanos}; the contacts are now taken to be closed when {@code closing}. */
    default void onPulseEnd(boolean closing, long nanos) {
    }
}
