package io.openkws.time;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The wall clock of the machine: {@link System#nanoTime()}, real sleeps and a daemon timer thread (one shared, or one
 * of its own per {@link #withOwnTimer}).
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

    @Override
    public void sleepNanos(long nanos) throws InterruptedException {
        long deadline = System.nanoTime() + nanos;
        long left = nanos;
        while (left > 0) {
            if (left > 2_000_000) {
                Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
            } else {
                LockSupport.parkNanos(left);
            }
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
