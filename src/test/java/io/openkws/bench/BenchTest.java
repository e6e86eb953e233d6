package io.openkws.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openkws.board.BoardSpec;
import io.openkws.config.Config;
import io.openkws.io.sim.ht7017.FrontEnd;
import io.openkws.meter.CalibrationProfile;
import io.openkws.ui.SegmentMap;
import org.junit.jupiter.api.Test;

/**
 * The benchmarks measure what they claim, on small runs: no speed is asserted (that is {@code ./openkws bench}),
 * only what must hold whatever the machine.
 */
class BenchTest {

    private final BoardSpec board = BoardSpec.load(Config.SIM);
    private final FrontEnd frontEnd = FrontEnd.load(board.frontEndFile());
    private final CalibrationProfile profile = CalibrationProfile.load(board.calibrationFile());

    @Test
    void the_wire_limit_is_six_byte_times_at_4800_8E1() {
        assertEquals(72.727, WireBench.wireLimitReadsPerSecond(), 0.001);
    }

    @Test
    void reads_over_the_pseudo_terminal_never_beat_the_wire() {
        WireBench.Result r = WireBench.run(frontEnd, 30);
        assertTrue(r.ratio() <= 1.0, "ratio " + r.ratio() + ": the pty server does not pace at the wire rate");
        assertEquals(0, r.badFrames());
    }

    @Test
    void a_one_digit_change_costs_a_fraction_of_a_full_refresh() {
        LcdBench.Result r = LcdBench.run(SegmentMap.load(board.lcdSegmentsFile()));
        assertTrue(r.digitUpdatePinWrites() > 0);
        assertTrue(r.digitUpdatePinWrites() * 4 < r.fullRefreshPinWrites(), r.toString());
    }

    @Test
    void the_control_loop_allocates_at_most_256_bytes_a_cycle_in_steady_state() {
        LoopAllocationBench.Result r = LoopAllocationBench.run(board, profile, frontEnd, 20_000, 5_000);
        System.out.printf("control loop: %.1f bytes per cycle%n", r.bytesPerCycle());
        assertTrue(r.bytesPerCycle() <= 256, r.bytesPerCycle() + " bytes per cycle");
    }

    @Test
    void over_voltage_trips_are_timed_from_the_chip_register_to_the_off_pulse() throws Exception {
        TripLatencyBench.Result r = io.openkws.bench.AssembledTripBench.run(
                io.openkws.bench.AssembledTripBench.Variant.SLOW_LISTENERS, 3, null);
        assertEquals(3, r.trips());
        for (double ms : r.latenciesMs()) {
            assertTrue(ms > 4 * 2.2917, "a trip cannot be faster than one register read: " + ms + " ms");
        }
    }
}
