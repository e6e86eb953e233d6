package io.openkws.driver.relay;

/**
 * Told when {@link LatchingRelay} energises and releases a coil.
 *
 * <p>Exists because relay events are stamped at the start of the coil pulse, which may come later than the
 * command (minimum interval) and on the relay's timer thread: the controller learns the exact time here. Listeners
 * are called after the relay's lock is released, on the thread that moved the relay; they must be quick.
 */
public interface RelayListener {

    /** A coil pulse started at {@code nanos}: the ON coil when {@code closing}, else the OFF coil. */
    void onPulseStart(boolean closing, long nanos);

    /** The pulse ended at {@code nanos}; the contacts are now taken to be closed when {@code closing}. */
    default void onPulseEnd(boolean closing, long nanos) {
    }

    /**
     * Driving a coil failed at {@code nanos} (a GPIO error): both coils were driven low again as far as possible and
     * the contacts are unknown. {@code closing} says which coil was being raised.
     */
    default void onCoilFailure(boolean closing, long nanos, RuntimeException cause) {
    }
}
