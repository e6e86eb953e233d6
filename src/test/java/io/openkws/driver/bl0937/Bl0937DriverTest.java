package io.openkws.driver.bl0937;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openkws.driver.pin.EdgeInputPin;
import io.openkws.io.sim.bl0937.Bl0937Sim;
import io.openkws.time.VirtualClock;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The BL0937 driver against the pulse-train simulator, in virtual time. */
class Bl0937DriverTest {

    private static final long MS = 1_000_000L;
    private static final double TOLERANCE = 0.005;

    /** A simulated BL0937 (reference front end, SEL high = voltage) and a driver reading it. */
    private static final class Rig {
        final VirtualClock clock = new VirtualClock();
        final Bl0937Sim chip;
        final Bl0937Driver driver;
        final Bl0937Scales scales;
        final List<long[]> selEdges = new ArrayList<>();

        Rig(Bl0937Schedule schedule, long chipSettleNanos, UnaryOperator<EdgeInputPin> wiring) {
            chip = new Bl0937Sim(clock, Bl0937Sim.FrontEnd.REFERENCE, true, chipSettleNanos);
            chip.sel().addListener(high -> selEdges.add(new long[] {clock.nanoTime(), high ? 1 : 0}));
            driver = new Bl0937Driver(wiring.apply(chip.cf()), wiring.apply(chip.cf1()), chip.sel(), true, schedule,
                    clock);
            scales = chip.frontEnd().scales();
        }

        Rig() {
            this(Bl0937Schedule.DEFAULT, Bl0937Sim.DEFAULT_SETTLE_NANOS, UnaryOperator.identity());
        }

        Rig load(double volts, double amps, double pf) {
            chip.setVoltageV(volts);
            chip.setCurrentA(amps);
            chip.setPowerFactor(pf);
            return this;
        }

        /** Polls until {@code untilNanos}; returns every sample. */
        List<Bl0937Sample> run(long untilNanos) {
            List<Bl0937Sample> samples = new ArrayList<>();
            while (clock.nanoTime() < untilNanos) {
                samples.add(driver.poll());
            }
            return samples;
        }
    }

    private static void assertNear(double expected, double actual, String what) {
        assertTrue(Math.abs(actual - expected) <= TOLERANCE * Math.abs(expected),
                what + ": expected " + expected + " ±0.5 %, read " + actual);
    }

    @ParameterizedTest(name = "{0} V, {1} A, PF {2}")
    @CsvSource({"230, 2, 1", "120, 10, 0.8", "250, 0.5, 0.95", "230, 16, 1", "207, 0.35, 1", "230, 0.1, 1"})
    void readings_are_within_half_a_percent_of_the_true_values_at_steady_load(double volts, double amps, double pf) {
        Rig rig = new Rig().load(volts, amps, pf);
        rig.driver.start();
        rig.run(2_000 * MS);
        assertTrue(rig.driver.ready());
        List<Bl0937Sample> samples = rig.run(6_000 * MS);
        assertTrue(samples.size() >= 70, "a reading every 50 ms");
        for (Bl0937Sample s : samples) {
            assertNear(volts, rig.scales.voltageV(s.voltageHz()), "voltage at " + s.timestampNanos());
            assertNear(amps, rig.scales.currentA(s.currentHz()), "current at " + s.timestampNanos());
            assertNear(volts * amps * pf, rig.scales.powerW(s.powerHz()), "power at " + s.timestampNanos());
        }
    }

    @Test
    void readings_stay_within_half_a_percent_with_the_arrival_jitter_of_gpio_events() {
        SplittableRandom random = new SplittableRandom(937);
        Rig rig = new Rig(Bl0937Schedule.DEFAULT, Bl0937Sim.DEFAULT_SETTLE_NANOS, pin -> new EdgeInputPin() {
            @Override
            public boolean isHigh() {
                return pin.isHigh();
            }

            @Override
            public void addEdgeListener(EdgeListener listener) {
                pin.addEdgeListener((rising, nanos) -> listener.edge(rising, nanos + random.nextLong(100_000)));
            }
        }).load(230, 5, 1);
        rig.driver.start();
        rig.run(1_000 * MS);
        for (Bl0937Sample s : rig.run(5_000 * MS)) {
            assertNear(230, rig.scales.voltageV(s.voltageHz()), "voltage");
            assertNear(5, rig.scales.currentA(s.currentHz()), "current");
            assertNear(1150, rig.scales.powerW(s.powerHz()), "power");
        }
    }

    @Test
    void an_event_thread_that_stalls_for_a_tick_and_delivers_a_burst_is_not_a_dead_mains() {
        // 70 ms stalls, each swallowing every edge of one 50 ms tick (voltage phase ticks at 2150 and 2950 ms)
        long[][] stalls = {{2_101 * MS, 2_171 * MS}, {2_901 * MS, 2_971 * MS}, {3_301 * MS, 3_371 * MS}};
        List<Runnable> held = new ArrayList<>();
        VirtualClock[] clockRef = new VirtualClock[1];
        Rig rig = new Rig(Bl0937Schedule.DEFAULT, Bl0937Sim.DEFAULT_SETTLE_NANOS, pin -> new EdgeInputPin() {
            @Override
            public boolean isHigh() {
                return pin.isHigh();
            }

            @Override
            public void addEdgeListener(EdgeListener listener) {
                pin.addEdgeListener((rising, nanos) -> {
                    long now = clockRef[0].nanoTime();
                    for (long[] stall : stalls) {
                        if (now >= stall[0] && now < stall[1]) {
                            held.add(() -> listener.edge(rising, clockRef[0].nanoTime()));
                            return;
                        }
                    }
                    listener.edge(rising, nanos);
                });
            }
        }).load(230, 2, 1);
        clockRef[0] = rig.clock;
        rig.driver.start();
        rig.run(2_000 * MS);
        for (long[] stall : stalls) {
            rig.clock.schedule(stall[1] - rig.clock.nanoTime(), () -> {
                List<Runnable> burst = List.copyOf(held);
                held.clear();
                burst.forEach(Runnable::run);
            });
        }
        for (Bl0937Sample s : rig.run(5_000 * MS)) {
            assertNear(230, rig.scales.voltageV(s.voltageHz()), "voltage at " + s.timestampNanos());
            assertNear(460, rig.scales.powerW(s.powerHz()), "power at " + s.timestampNanos());
        }
    }

    @Test
    void sel_selects_voltage_for_300_ms_then_current_for_100_ms() {
        Rig rig = new Rig().load(230, 2, 1);
        rig.driver.start();
        rig.run(1_300 * MS);
        assertEquals(List.of("0:1", "300:0", "400:1", "700:0", "800:1", "1100:0", "1200:1"), selTimeline(rig));
    }

    @Test
    void at_no_load_the_current_phase_stretches_to_400_ms_looking_for_a_period() {
        Rig rig = new Rig().load(230, 0, 1);
        rig.driver.start();
        rig.run(1_500 * MS);
        assertEquals(List.of("0:1", "300:0", "700:1", "1000:0", "1400:1"), selTimeline(rig));
    }

    private static List<String> selTimeline(Rig rig) {
        return rig.selEdges.stream().map(e -> e[0] / MS + ":" + e[1]).toList();
    }

    @Test
    void the_settling_interval_after_a_sel_switch_is_discarded() {
        // the chip keeps CF1 on the old quantity for 15 ms after a switch; the driver discards 20 ms
        Rig rig = new Rig(Bl0937Schedule.DEFAULT, 15 * MS, UnaryOperator.identity()).load(230, 2, 1);
        rig.driver.start();
        rig.run(1_000 * MS);
        for (Bl0937Sample s : rig.run(4_000 * MS)) {
            assertNear(2, rig.scales.currentA(s.currentHz()), "current");
            assertNear(230, rig.scales.voltageV(s.voltageHz()), "voltage");
        }
    }

    @Test
    void a_driver_that_kept_the_settling_edges_would_read_a_blend() {
        Bl0937Schedule noSettle = new Bl0937Schedule(50 * MS, 300 * MS, 100 * MS, 400 * MS, 0, 100 * MS, 3_000 * MS);
        Rig rig = new Rig(noSettle, 15 * MS, UnaryOperator.identity()).load(230, 2, 1);
        rig.driver.start();
        rig.run(1_000 * MS);
        double worst = rig.run(4_000 * MS).stream()
                .mapToDouble(s -> Math.abs(rig.scales.currentA(s.currentHz()) - 2) / 2).max().orElseThrow();
        assertTrue(worst > 0.05, "without discarding, current is off by " + worst);
    }

    @Test
    void no_pulses_at_no_load_read_zero_watts_and_zero_amps() {
        Rig rig = new Rig().load(230, 0, 1);
        rig.driver.start();
        rig.run(500 * MS);
        for (Bl0937Sample s : rig.run(4_000 * MS)) {
            if (s.timestampNanos() >= Bl0937Schedule.DEFAULT.powerTimeoutNanos()) {
                assertEquals(0.0, s.powerHz(), "power at " + s.timestampNanos());
            }
            assertEquals(0.0, s.currentHz(), "current at " + s.timestampNanos());
            assertNear(230, rig.scales.voltageV(s.voltageHz()), "voltage");
        }
        assertEquals(0, rig.driver.cfPulses());
    }

    @Test
    void a_load_switched_off_reads_falling_power_then_zero_after_the_timeout() {
        Rig rig = new Rig().load(230, 2, 1);
        rig.driver.start();
        rig.run(2_000 * MS);
        rig.chip.setLoadConnected(false);
        List<Bl0937Sample> after = rig.run(6_000 * MS);
        double previous = Double.MAX_VALUE;
        for (Bl0937Sample s : after) {
            assertTrue(s.powerHz() <= previous, "power never rises after the load went");
            previous = s.powerHz();
        }
        assertTrue(rig.scales.powerW(after.get(3).powerHz()) < 50, "within four readings power is bounded low");
        Bl0937Sample last = after.getLast();
        assertEquals(0.0, last.powerHz());
        assertEquals(0.0, last.currentHz());
    }

    @Test
    void mains_loss_reads_a_few_volts_at_once_and_zero_after_the_cf1_timeout() {
        Rig rig = new Rig().load(230, 2, 1);
        rig.driver.start();
        rig.run(2_030 * MS);
        rig.chip.setVoltageV(0);
        long lost = rig.clock.nanoTime();
        long seenLow = -1;
        long seenZero = -1;
        for (Bl0937Sample s : rig.run(3_000 * MS)) {
            double v = rig.scales.voltageV(s.voltageHz());
            if (seenLow < 0 && v < 10 && s.voltageAtNanos() == s.timestampNanos()) {
                seenLow = s.timestampNanos() - lost;
            }
            if (seenZero < 0 && v == 0) {
                seenZero = s.timestampNanos() - lost;
            }
        }
        assertTrue(seenLow >= 0 && seenLow <= Bl0937Schedule.DEFAULT.worstVoltageLatencyNanos(), "low after " + seenLow);
        assertTrue(seenZero >= 0 && seenZero <= Bl0937Schedule.DEFAULT.worstVoltageLatencyNanos()
                + Bl0937Schedule.DEFAULT.cf1TimeoutNanos() + Bl0937Schedule.DEFAULT.tickNanos(), "zero after " + seenZero);
    }

    @Test
    void energy_is_the_cf_pulse_count_times_the_energy_of_a_pulse() {
        Rig rig = new Rig().load(230, 10, 1);
        rig.driver.start();
        rig.run(60_000 * MS);
        double kWh = rig.driver.cfPulses() * rig.scales.kWhPerPulse();
        double trueKWh = 2300.0 * 60 / 3.6e6;
        assertEquals(trueKWh, kWh, rig.scales.kWhPerPulse(), "within one pulse");
    }

    @Test
    void a_voltage_step_is_seen_within_the_documented_window_wherever_it_falls_in_the_sel_cycle() {
        Bl0937Schedule schedule = Bl0937Schedule.DEFAULT;
        long usual = worstStepLatency(2.0);
        long lowLoad = worstStepLatency(0.0);
        System.out.printf("BL0937 voltage step latency, worst over the SEL cycle: %.1f ms at 2 A, %.1f ms at no load%n",
                usual / 1e6, lowLoad / 1e6);
        assertTrue(usual <= schedule.usualVoltageLatencyNanos(), "at 2 A: " + usual);
        assertTrue(lowLoad <= schedule.worstVoltageLatencyNanos(), "at no load: " + lowLoad);
        assertTrue(lowLoad > usual, "the stretched current phase costs voltage latency");
    }

    /**
     * Steps the voltage between 230 and 262 V at pseudo-random instants (between ticks, all over the 400-700 ms SEL
     * cycle), and returns the longest time from a step to the first reading within 0.5 % of the new voltage,
     * checking that every later reading until the next step stays there.
     */
    private static long worstStepLatency(double amps) {
        Rig rig = new Rig().load(230, amps, 1);
        rig.driver.start();
        rig.run(1_000 * MS);
        SplittableRandom random = new SplittableRandom(7);
        long worst = 0;
        double volts = 230;
        for (int step = 0; step < 300; step++) {
            volts = volts == 230 ? 262 : 230;
            double target = volts;
            long at = rig.clock.nanoTime() + random.nextLong(700 * MS);
            rig.clock.schedule(at - rig.clock.nanoTime(), () -> rig.chip.setVoltageV(target));
            long seen = -1;
            for (Bl0937Sample s : rig.run(at + 900 * MS)) {
                if (s.timestampNanos() < at) {
                    continue;
                }
                boolean near = Math.abs(rig.scales.voltageV(s.voltageHz()) - volts) <= TOLERANCE * volts;
                if (seen < 0 && near) {
                    seen = s.timestampNanos() - at;
                } else if (seen >= 0) {
                    assertTrue(near, "settled reading left the new voltage at " + s.timestampNanos());
                }
            }
            assertTrue(seen >= 0, "step " + step + " never seen");
            worst = Math.max(worst, seen);
        }
        return worst;
    }
}
