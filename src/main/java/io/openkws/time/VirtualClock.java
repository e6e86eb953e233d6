package io.openkws.time;

import java.util.PriorityQueue;

/**
 * Simulated time: nothing waits, time moves only when someone sleeps or calls {@link #advanceTo}.
 *
 * <p>Scheduled tasks run on the advancing thread at exactly their due time, in due-time order (ties in the order
 * they were scheduled), so a run is a pure function of its inputs. Single-threaded by design.
 */
public final class VirtualClock implements Clock {

    private long now;
    private long sequence;
    private final PriorityQueue<Entry> queue = new PriorityQueue<>();

    public VirtualClock() {
        this(0);
    }

    public VirtualClock(long startNanos) {
        this.now = startNanos;
    }

    @Override
    public synchronized long nanoTime() {
        return now;
    }

    @Override
    public void sleepNanos(long nanos) {
        advanceTo(nanoTime() + Math.max(0, nanos));
    }

    /** Advances to {@code targetNanos}, running every task due on the way. Never moves backwards. */
    public void advanceTo(long targetNanos) {
        while (true) {
            Entry due;
            synchronized (this) {
                Entry head = queue.peek();
                if (head == null || head.dueNanos > targetNanos) {
                    now = Math.max(now, targetNanos);
                    return;
                }
                due = queue.poll();
                now = Math.max(now, due.dueNanos);
            }
            if (!due.cancelled) {
                due.task.run();
            }
        }
    }

    /** Scheduled tasks not yet run (cancelled ones included until their due time): to check that none pile up. */
    public synchronized int pendingTasks() {
        return queue.size();
    }

    /** Due time of the next pending task, or {@link Long#MAX_VALUE} when none is pending. */
    public synchronized long nextDueNanos() {
        Entry head;
        while ((head = queue.peek()) != null && head.cancelled) {
            queue.poll();
        }
        return head == null ? Long.MAX_VALUE : head.dueNanos;
    }

    @Override
    public synchronized Timer schedule(long delayNanos, Runnable task) {
        Entry entry = new Entry(now + Math.max(0, delayNanos), sequence++, task);
        queue.add(entry);
        return () -> entry.cancelled = true;
    }

    private static final class Entry implements Comparable<Entry> {
        final long dueNanos;
        final long order;
        final Runnable task;
        volatile boolean cancelled;

        Entry(long dueNanos, long order, Runnable task) {
            this.dueNanos = dueNanos;
            this.order = order;
            this.task = task;
        }

        @Override
        public int compareTo(Entry other) {
            int byTime = Long.compare(dueNanos, other.dueNanos);
            return byTime != 0 ? byTime : Long.compare(order, other.order);
        }
    }
}
