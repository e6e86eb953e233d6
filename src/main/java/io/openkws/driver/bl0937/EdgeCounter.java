package io.openkws.driver.bl0937;

import io.openkws.driver.pin.EdgeInputPin;

/**
 * Counts the rising edges of one pulse output and remembers the first and last edge's time since it was last
 * restarted, ignoring edges stamped before a given time (the settling interval after a SEL switch).
 *
 * <p>Exists because edges arrive on the observer's thread (a GPIO event thread on a Pi) while the driver reads
 * them on the control loop: every access is synchronised and a snapshot is one consistent set. It also guards the
 * timing against a delivery burst: an event thread that stalled delivers the edges it owes in quick succession,
 * each stamped on arrival, so their times say nothing about when they happened. Two rising edges closer than
 * {@value #BURST_GAP_NANOS} ns (20 kHz, ten times CF1 at 400 V on the reference front end) are such a burst: the
 * edges still count for energy, but timing starts a new segment after them (no period is measured across it).
 */
final class EdgeCounter implements EdgeInputPin.EdgeListener {

    /** Rising edges closer than this are a delivery burst, not a frequency. */
    static final long BURST_GAP_NANOS = 50_000L;

    /**
     * The timing segment now: rising edges counted in it and the first and last of their times; the segment's
     * number (it changes after a burst, so periods are never measured across one) and when it started.
     */
    record Snapshot(long count, long firstNanos, long lastNanos, long segment, long segmentStartNanos) {
        static final Snapshot EMPTY = new Snapshot(0, 0, 0, -1, 0);
    }

    private long count;
    private long firstNanos;
    private long lastNanos;
    private long segment;
    private long segmentStartNanos;
    private long ignoreBeforeNanos;
    private boolean anyEdge;
    private long lastEdgeNanos;
    private long total;
    private long bursts;

    EdgeCounter(long ignoreBeforeNanos) {
        restart(ignoreBeforeNanos);
    }

    @Override
    public synchronized void edge(boolean rising, long nanos) {
        if (!rising || nanos - ignoreBeforeNanos < 0) {
            return;
        }
        total++;
        boolean burst = anyEdge && nanos - lastEdgeNanos < BURST_GAP_NANOS;
        anyEdge = true;
        lastEdgeNanos = nanos;
        if (burst) {
            bursts++;
            segment++;
            segmentStartNanos = nanos;
            count = 0;
            return;
        }
        if (count == 0) {
            firstNanos = nanos;
        }
        count++;
        lastNanos = nanos;
    }

    synchronized Snapshot snapshot() {
        return new Snapshot(count, firstNanos, lastNanos, segment, segmentStartNanos);
    }

    /** Starts counting afresh; edges stamped before {@code ignoreBeforeNanos} are not counted. */
    synchronized void restart(long ignoreBeforeNanos) {
        count = 0;
        segment++;
        segmentStartNanos = ignoreBeforeNanos;
        this.ignoreBeforeNanos = ignoreBeforeNanos;
        anyEdge = false;
    }

    /** Rising edges counted since construction, restarts and bursts included (energy). */
    synchronized long total() {
        return total;
    }

    /** Delivery bursts seen since construction. */
    synchronized long bursts() {
        return bursts;
    }
}
