package io.openkws.time;

/**
 * Monotonic time, waiting and timers, injected into every component that needs time.
 *
 * <p>Exists so the same controller code runs on the wall clock on a Pi and in virtual time in the simulator and
 * in tests, where hours replay in milliseconds and identical input gives identical output. Nothing in logic code
 * calls {@code System.nanoTime()} or {@code Thread.sleep} directly.
 */
public interface Clock {

    /** Monotonic time in nanoseconds; only differences are meaningful. */
    long nanoTime();

    /** Blocks for {@code nanos} nanoseconds of this clock's time (virtual clocks advance instead of waiting). */
    void sleepNanos(long nanos) throws InterruptedException;

    /**
     * Runs {@code task} once, {@code delayNanos} from now. Real clocks run it on a timer thread; virtual clocks run
     * it on the thread that advances time, at exactly its due time.
     */
    Timer schedule(long delayNanos, Runnable task);

    /**
     * This clock with a timer of its own: tasks scheduled through the result never wait behind tasks of other
     * components (on the wall clock, a dedicated thread named {@code threadName}; virtual clocks return themselves).
     */
    default Clock withOwnTimer(String threadName) {
        return this;
    }

    /** Seconds since an arbitrary origin, for logging and events. */
    default double seconds() {
        return nanoTime() / 1e9;
    }

    /** A pending {@link #schedule} task. */
    interface Timer {
        /** Prevents the task from running if it has not started yet. */
        void cancel();
    }

    static long secondsToNanos(double seconds) {
        return Math.round(seconds * 1e9);
    }
}
