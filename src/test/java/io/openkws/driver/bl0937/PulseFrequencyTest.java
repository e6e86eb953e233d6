package io.openkws.driver.bl0937;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Frequencies by period between edges, bounds from silence, the hold, the timeout, and delivery bursts. */
class PulseFrequencyTest {

    private static final long MS = 1_000_000L;
    private static final double INF = Double.POSITIVE_INFINITY;
    private static final EdgeCounter.Snapshot NONE = EdgeCounter.Snapshot.EMPTY;

    /** A snapshot of segment 1, which started at {@code startMs}. */
    private static EdgeCounter.Snapshot snap(long count, long firstMs, long lastMs, long startMs) {
        return new EdgeCounter.Snapshot(count, firstMs * MS, lastMs * MS, 1, startMs * MS);
    }

    private static EdgeCounter.Snapshot snap(long count, long firstMs, long lastMs) {
        return snap(count, firstMs, lastMs, 0);
    }

    @Test
    void periods_are_counted_from_the_last_edge_before_the_window() {
        // edges every 40 ms: the last before the window at 100 ms, three more up to 220 ms
        assertEquals(25.0, PulseFrequency.estimate(snap(3, 20, 100), snap(6, 20, 220), 240 * MS, INF, 0, 1000 * MS), 1e-9);
    }

    @Test
    void a_window_without_an_earlier_edge_uses_its_own_first_edge() {
        assertEquals(100.0, PulseFrequency.estimate(NONE, snap(5, 30, 70, 20), 80 * MS, INF, 0, 1000 * MS), 1e-9);
    }

    @Test
    void one_edge_in_a_window_still_gives_the_exact_period() {
        assertEquals(2.5, PulseFrequency.estimate(snap(4, 0, 300), snap(5, 0, 700), 750 * MS, 2.0, 0, 3000 * MS), 1e-9);
    }

    @Test
    void silence_bounds_the_frequency_and_keeps_a_lower_previous_figure() {
        assertEquals(20.0, PulseFrequency.estimate(snap(5, 0, 100), snap(5, 0, 100), 150 * MS, 1000, 0, 3000 * MS), 1e-9);
        assertEquals(7.0, PulseFrequency.estimate(snap(5, 0, 100), snap(5, 0, 100), 150 * MS, 7.0, 0, 3000 * MS), 1e-9);
    }

    @Test
    void a_single_edge_bounds_by_the_longer_silence_around_it() {
        assertEquals(1e3 / 240, PulseFrequency.estimate(NONE, snap(1, 260, 260, 20), 300 * MS, INF, 0, 380 * MS), 1e-9);
    }

    @Test
    void no_edge_for_the_timeout_reads_zero() {
        assertEquals(0.0, PulseFrequency.estimate(snap(5, 0, 100), snap(5, 0, 100), 3100 * MS, 1000, 0, 3000 * MS));
        assertEquals(0.0, PulseFrequency.estimate(NONE, new EdgeCounter.Snapshot(0, 0, 0, 1, 20 * MS), 400 * MS, INF, 0,
                380 * MS));
    }

    @Test
    void silence_shorter_than_the_hold_keeps_the_previous_figure() {
        assertEquals(1000.0, PulseFrequency.estimate(snap(5, 0, 100), snap(5, 0, 100), 180 * MS, 1000, 100 * MS,
                3000 * MS), 1e-9);
        assertEquals(1e3 / 150, PulseFrequency.estimate(snap(5, 0, 100), snap(5, 0, 100), 250 * MS, 1000, 100 * MS,
                3000 * MS), 1e-9);
    }

    @Test
    void no_period_is_measured_across_a_delivery_burst() {
        EdgeCounter counter = new EdgeCounter(0);
        for (long t = 1; t <= 10; t++) {
            counter.edge(true, t * MS);            // 1 kHz
        }
        EdgeCounter.Snapshot before = counter.snapshot();
        for (long i = 0; i < 30; i++) {
            counter.edge(true, 40 * MS + i * 1_000);   // 30 owed edges delivered 1 us apart at 40 ms
        }
        EdgeCounter.Snapshot burst = counter.snapshot();
        assertEquals(0, burst.count());
        assertEquals(1000.0, PulseFrequency.estimate(before, burst, 45 * MS, 1000, 100 * MS, 3000 * MS), 1e-9,
                "right after a burst the last figure holds");
        for (long t = 41; t <= 50; t++) {
            counter.edge(true, t * MS);
        }
        assertEquals(1000.0, PulseFrequency.estimate(burst, counter.snapshot(), 50 * MS, 1000, 100 * MS, 3000 * MS), 1e-9,
                "after it the period is measured from the first edge on time");
        assertEquals(50, counter.total());
        assertEquals(29, counter.bursts());
    }
}
