package io.openkws.driver.bl0937;

import io.openkws.driver.pin.EdgeInputPin;

/**
 * Counts the rising edges of one pulse output and remembers the first and last edge's time since it was last
 * restarted, ignoring edges stamped before a given time (the settling interval after a SEL switch).
 *
 * <p>Exists because edges arrive on the observer's thread (a GPIO event thread on a Pi) while the driver reads
 * them on the control loop: every access is synchronised and a snapshot is one consistent triple.
 */
final class EdgeCounter implements EdgeInputPin.EdgeListener {

    /** Rising edges counted since the last restart, and the first and last of their times. */
    record Snapshot(long count, long firstNanos, long lastNanos) {
        static final Snapshot EMPTY = new Snapshot(0, 0, 0);
    }

    private long count;
    private long firstNanos;
    private long lastNanos;
    private long ignoreBeforeNanos;
    private long total;

    EdgeCounter(long ignoreBeforeNanos) {
        this.ignoreBeforeNanos = ignoreBeforeNanos;
    }

    @Override
    public synchronized void edge(boolean rising, long nanos) {
        if (!rising || nanos - ignoreBeforeNanos < 0) {
            return;
        }
        if (count == 0) {
            firstNanos = nanos;
        }
        count++;
        total++;
        lastNanos = nanos;
    }

    synchronized Snapshot snapshot() {
        return count == 0 ? Snapshot.EMPTY : new Snapshot(count, firstNanos, lastNanos);
    }

    /** Starts counting afresh; edges stamped before {@code ignoreBeforeNanos} are not counted. */
    synchronized void restart(long ignoreBeforeNanos) {
        count = 0;
        this.ignoreBeforeNanos = ignoreBeforeNanos;
    }

    /** Rising edges counted since construction, restarts included. */
    synchronized long total() {
        return total;
    }
}
