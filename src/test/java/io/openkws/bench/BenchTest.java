package io.openkws.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openkws.board.BoardSpec;
import io.openkws.config.Config;
import io.openkws.io.sim.ht7017.FrontEnd;
import io.openkws.ui.SegmentMap;
import org.junit.jupiter.api.Test;

/**
 * The benchmarks measure what they claim, on small runs: no speed is asserted (that is {@code ./openkws bench}),
 * only what must hold whatever the machine.
 */
class BenchTest {

    private final BoardSpec board = BoardSpec.load(Config.SIM);
    private final FrontEnd frontEnd = FrontEnd.load(board.frontEndFile());

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
    void the_control_loop_run_assembles_allocates_nothing_in_steady_state_sleeps_included() throws Exception {
        LoopAllocationBench.Result r = LoopAllocationBench.run(4, 4);
        System.out.printf("control loop: %.1f bytes per cycle over %d cycles; panel %.0f B/s%n", r.bytesPerCycle(),
                r.cycles(), r.panelBytesPerSecond());
        assertTrue(r.cycles() > 50, r.cycles() + " cycles in 4 s");
        // The smallest object is 16 bytes: below that, nothing is allocated per cycle. A one-off allocation in the
        // window (this JVM's C2 deoptimising, which re-materialises objects it had removed) is not the loop's;
        // `./openkws bench` reports the exact figure under the launcher's flags.
        assertTrue(r.bytesPerCycle() < 16, r.bytesPerCycle() + " bytes per cycle: the loop allocates every cycle");
        assertTrue(r.panelBytesPerSecond() > 0, "the panel thread was measured");
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

    @Test
    void bl0937_over_voltage_trips_take_at_most_the_schedule_worst_voltage_latency() {
        io.openkws.driver.bl0937.Bl0937Schedule schedule = io.openkws.driver.bl0937.Bl0937Schedule.DEFAULT;
        TripLatencyBench.Result loaded = Bl0937TripLatencyBench.run(2.0, 40);
        TripLatencyBench.Result light = Bl0937TripLatencyBench.run(0.05, 40);
        System.out.printf("BL0937 OVP trip latency (virtual time): 2 A p50 %.1f max %.1f ms; 0.05 A p50 %.1f max %.1f ms%n",
                loaded.percentile(50), loaded.percentile(100), light.percentile(50), light.percentile(100));
        assertEquals(40, loaded.trips());
        assertTrue(loaded.percentile(100) <= schedule.usualVoltageLatencyNanos() / 1e6,
                "2 A: " + loaded.percentile(100));
        assertTrue(light.percentile(100) <= schedule.worstVoltageLatencyNanos() / 1e6,
                "0.05 A: " + light.percentile(100));
        assertTrue(loaded.percentile(0) > 0);
    }
}
