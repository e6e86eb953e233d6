package io.openkws.driver.pin;

/**
 * One digital input line (a button, the relay's feedback contact, the TM1622 DATA line when reading), as drivers
 * see it.
 *
 * <p>Exists so drivers are written once against a line and get it from Pi4J on a Pi, from the simulated board, or
 * from a test. Drivers sample it with {@link #isHigh()}; lines that can report changes by themselves also accept
 * a {@link LevelListener}, so a driver can react to an edge instead of waiting for its next poll.
 */
public interface InputPin {
    /** The electrical level now: {@code true} = high. */
    boolean isHigh();

    /**
     * Asks to be told of every level change, on whatever thread observed it (a GPIO event thread, the simulator).
     * Returns {@code false} when this line can only be polled; the listener is then never called.
     */
    default boolean addLevelListener(LevelListener listener) {
        return false;
    }

    /** Told of a level change of an {@link InputPin}. */
    @FunctionalInterface
    interface LevelListener {
        /** The line is now {@code high} (true) or low. */
        void levelChanged(boolean high);
    }
}
