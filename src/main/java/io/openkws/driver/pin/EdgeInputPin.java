package io.openkws.driver.pin;

/**
 * An input line that reports every edge together with the time it happened, on the clock the line was given.
 *
 * <p>Exists for chips that encode a measurement in a pulse frequency (the BL0937's CF and CF1 outputs): a driver
 * measures a frequency from the times of edges, not from when it got round to looking, so the time has to be taken
 * where the edge is observed — by the simulator in virtual time, or by the GPIO event as it arrives on a Pi. Times
 * are {@link io.openkws.time.Clock#nanoTime()} values of the injected clock, so a driver compares them with its own
 * clock readings.
 */
public interface EdgeInputPin extends InputPin {

    /**
     * Asks to be told of every edge from now on, on whatever thread observed it (a GPIO event thread, the
     * simulator's). Listeners must be quick and must not block.
     */
    void addEdgeListener(EdgeListener listener);

    /** Told of one edge of an {@link EdgeInputPin}. */
    @FunctionalInterface
    interface EdgeListener {
        /**
         * The line went high ({@code rising}) or low at {@code nanos} on the line's clock.
         */
        void edge(boolean rising, long nanos);
    }
}
