package io.openkws.time;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The wall clock of the machine: {@link System#nanoTime()}, real waits (parked, allocation-free) and a daemon
 * timer thread (one shared, or one of its own per {@link #withOwnTimer}).
 */
public final class SystemClock implements Clock {

    private static final SystemClock INSTANCE = new SystemClock("openkws-timer");

    private final ScheduledExecutorService timers;

    private SystemClock(String timerThreadName) {
        timers = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, timerThreadName);
            thread.setDaemon(true);
            thread.setPriority(Thread.MAX_PRIORITY);
            return thread;
        });
    }

    public static SystemClock instance() {
        return INSTANCE;
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    /**
     * Parks until {@code nanos} have passed (again after an early wake-up). Not {@code Thread.sleep}: on JDK 25 every
     * sleep allocates a {@code ThreadSleepEvent} (about 40 bytes), and the control loop sleeps about ten times a
     * cycle on the simulated board's paced UART; {@code parkNanos} allocates nothing and wakes as precisely.
     */
    @Override
    public void sleepNanos(long nanos) throws InterruptedException {
        long deadline = System.nanoTime() + nanos;
        long left = nanos;
        while (left > 0) {
            LockSupport.parkNanos(left);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            left = deadline - System.nanoTime();
        }
    }

    /** The wall clock with a timer thread of its own, named {@code threadName}. */
    @Override
    public Clock withOwnTimer(String threadName) {
        return new SystemClock(threadName);
    }

    @Override
    public Timer schedule(long delayNanos, Runnable task) {
        ScheduledFuture<?> future = timers.schedule(task, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }
}
