package io.openkws.driver.bl0937;

/**
 * The frequency of a pulse train from the edges counted between two snapshots, by period rather than by count.
 *
 * <p>Exists because counting edges in a window is coarse at low frequencies (a 5 Hz train gives 0 or 1 edge in
 * 100 ms): the frequency is instead the number of periods between two edges divided by the time between them,
 * the earlier edge being the last one before the window (when the train was counted then) or the window's first.
 * A window with no period in it still says something: a train that left an interval of length L without an edge
 * has a period longer than L, so its frequency is at most 1/L; the previous figure is kept when it is below that
 * bound and replaced by the bound otherwise (a falling load reads falling, never stale-high). Silence shorter
 * than {@code holdNanos} keeps the previous figure: an event path that stalled (edges delivered late, in a burst)
 * must not read as a dead mains. After {@code timeoutNanos} without an edge the frequency is 0.
 */
final class PulseFrequency {

    private PulseFrequency() {
    }

    /**
     * @param before        the counter at the window's start ({@link EdgeCounter.Snapshot#EMPTY} for a window that
     *                      starts with the count); not an anchor when a burst started a new segment since
     * @param now           the counter now
     * @param nowNanos      the time now
     * @param previousHz    the last figure for this channel, or {@link Double#POSITIVE_INFINITY} for none
     * @param holdNanos     silence shorter than this keeps {@code previousHz} (when there is one)
     * @param timeoutNanos  silence after which the train counts as stopped
     * @return hertz, 0 when stopped
     */
    static double estimate(EdgeCounter.Snapshot before, EdgeCounter.Snapshot now, long nowNanos, double previousHz,
                           long holdNanos, long timeoutNanos) {
        boolean anchored = before.count() >= 1 && before.segment() == now.segment();
        long fresh = now.count() - before.count();
        if (anchored && fresh >= 1 && now.lastNanos() != before.lastNanos()) {
            return fresh * 1e9 / (now.lastNanos() - before.lastNanos());
        }
        if (!anchored && now.count() >= 2) {
            return (now.count() - 1) * 1e9 / (now.lastNanos() - now.firstNanos());
        }
        long quiet;
        if (now.count() == 0) {
            quiet = nowNanos - now.segmentStartNanos();
        } else if (now.count() == 1) {
            quiet = Math.max(nowNanos - now.lastNanos(), now.firstNanos() - now.segmentStartNanos());
        } else {
            quiet = nowNanos - now.lastNanos();
        }
        if (quiet >= timeoutNanos) {
            return 0;
        }
        if (quiet < holdNanos && previousHz != Double.POSITIVE_INFINITY) {
            return previousHz;
        }
        if (quiet <= 0) {
            return previousHz == Double.POSITIVE_INFINITY ? 0 : previousHz;
        }
        return Math.min(previousHz, 1e9 / quiet);
    }
}
