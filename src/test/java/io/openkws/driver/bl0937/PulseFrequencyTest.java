package io.openkws.driver.bl0937;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Frequencies by period between edges, bounds from silence, and the timeout. */
class PulseFrequencyTest {

    private static final long MS = 1_000_000L;
    private static final double INF = Double.POSITIVE_INFINITY;

    private static EdgeCounter.Snapshot snap(long count, long firstMs, long lastMs) {
        return new EdgeCounter.Snapshot(count, firstMs * MS, lastMs * MS);
    }

    @Test
    void periods_are_counted_from_the_last_edge_before_the_window() {
        // edges every 40 ms: the last before the window at 100 ms, three more up to 220 ms
        double hz = PulseFrequency.estimate(snap(3, 20, 100), snap(6, 20, 220), 240 * MS, 0, INF, 1000 * MS);
        assertEquals(25.0, hz, 1e-9);
    }

    @Test
    void a_window_without_an_earlier_edge_uses_its_own_first_edge() {
        double hz = PulseFrequency.estimate(EdgeCounter.Snapshot.EMPTY, snap(5, 30, 70), 80 * MS, 20 * MS, INF, 1000 * MS);
        assertEquals(100.0, hz, 1e-9);
    }

    @Test
    void one_edge_in_a_window_still_gives_the_exact_period() {
        double hz = PulseFrequency.estimate(snap(4, 0, 300), snap(5, 0, 700), 750 * MS, 0, 2.0, 3000 * MS);
        assertEquals(2.5, hz, 1e-9);
    }

    @Test
    void silence_bounds_the_frequency_and_keeps_a_lower_previous_figure() {
        double falling = PulseFrequency.estimate(snap(5, 0, 100), snap(5, 0, 100), 150 * MS, 0, 1000, 3000 * MS);
        assertEquals(20.0, falling, 1e-9);
        double kept = PulseFrequency.estimate(snap(5, 0, 100), snap(5, 0, 100), 150 * MS, 0, 7.0, 3000 * MS);
        assertEquals(7.0, kept, 1e-9);
    }

    @Test
    void a_single_edge_bounds_by_the_longer_silence_around_it() {
        double hz = PulseFrequency.estimate(EdgeCounter.Snapshot.EMPTY, snap(1, 260, 260), 300 * MS, 20 * MS, INF, 380 * MS);
        assertEquals(1e3 / 240, hz, 1e-9);
    }

    @Test
    void no_edge_for_the_timeout_reads_zero() {
        assertEquals(0.0, PulseFrequency.estimate(snap(5, 0, 100), snap(5, 0, 100), 3100 * MS, 0, 1000, 3000 * MS));
        assertEquals(0.0, PulseFrequency.estimate(EdgeCounter.Snapshot.EMPTY, EdgeCounter.Snapshot.EMPTY,
                400 * MS, 20 * MS, INF, 380 * MS));
    }
}
