package io.openkws.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openkws.config.Config;
import io.openkws.meter.history.HourAccumulator;
import io.openkws.meter.history.HourRecord;
import io.openkws.meter.history.Totals;
import io.openkws.scenario.Scenario;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Quiet-stretch fast-forward changes nothing it must not: the same scenario replayed with and without it gives the
 * same event lines, byte for byte (so the same trip times), and hourly history rows equal within the README's
 * tolerances (energy within 0.1 %, voltages within 0.1 V, peak power within 0.1 %, relay time within 0.01 min).
 */
class SimulationFastForwardTest {

    /** Protection that the scenario below exercises: OVP/UVP, delayed OCP with retries, a restore delay. */
    static final String CONFIG = """
            board: sim
            protection:
              overCurrent: { limit: 10.0, tripDelay: 2.0 }
              recoveryDelay: 20.0
              overloadRetries: 2
              overloadRetryDelay: 15.0
            relay:
              powerOnState: on
            """;

    /**
     * {@code hours} of a day's pattern, repeated: load steps, an over-voltage swell (trip, restore), an overload (trip,
     * retry), a remote OFF and ON, two presses of the power button, a power-factor change and an evening with no
     * load; steps fall inside hours, on hour boundaries and within the guard before them.
     */
    static String scenario(int hours) {
        StringBuilder s = new StringBuilder("duration: " + hours * 3600 + ".0\nmemory: on\nsteps:\n"
                + "  - { at: 0.0, voltage: 230.0, current: 2.0, powerFactor: 0.95, frequency: 50.0 }\n");
        String[] day = {
            "1800.0, current: 6.0", "4000.0, voltage: 262.0", "4060.0, voltage: 230.0", "7199.0, current: 12.0",
            "7260.0, current: 3.0", "10000.0, command: relayOff", "12600.0, command: relayOn",
            "14400.0, button: power", "15001.5, button: power", "18000.0, voltage: 240.0, powerFactor: 0.8",
            "25000.0, current: 0.0", "27000.0, voltage: 150.0", "27030.0, voltage: 231.0, current: 5.0",
            "50000.0, current: 1.5", "70000.0, current: 7.5, powerFactor: 0.95"};
        for (int d = 0; d * 24 < hours; d++) {
            for (String step : day) {
                int comma = step.indexOf(',');
                double at = d * 86400 + Double.parseDouble(step.substring(0, comma));
                if (at > hours * 3600) {
                    break;
                }
                s.append("  - { at: ").append(at).append(',').append(step.substring(comma + 1)).append(" }\n");
            }
        }
        return s.toString();
    }

    /** The lines and the hourly rows of one replay. */
    record Replay(List<String> lines, List<HourRecord> hours, Simulation.Result result) {
    }

    static Replay replay(Scenario scenario, Simulation.Setup setup, boolean fastForward) {
        List<String> lines = new ArrayList<>();
        List<HourRecord> hours = new ArrayList<>();
        HourAccumulator acc = new HourAccumulator(ZoneOffset.UTC, Optional.empty());
        Simulation.Result result = Simulation.run(scenario, setup, false, lines::add,
                sample -> acc.add(sample).ifPresent(hours::add), fastForward);
        acc.inProgress(Double.POSITIVE_INFINITY).ifPresent(hours::add);
        return new Replay(lines, hours, result);
    }

    static void assertEquivalent(int hours) {
        Scenario scenario = Scenario.parse("(equivalence)", scenario(hours));
        Simulation.Setup setup = Simulation.Setup.load(Config.parse("(equivalence)", CONFIG));
        Replay fast = replay(scenario, setup, true);
        Replay paced = replay(scenario, setup, false);
        assertTrue(fast.result().fastForwardOn());
        assertFalse(paced.result().fastForwardOn());
        assertTrue(fast.result().skippedNanos() > 0.9 * scenario.durationSeconds() * 1e9,
                "fast-forward covered most of the time: " + fast.result());
        assertTrue(paced.lines().stream().filter(l -> l.contains("\"trip\"")).count() >= 4, paced.lines()::toString);
        assertTrue(paced.lines().stream().anyMatch(l -> l.contains("\"cause\":\"retry\"")), paced.lines()::toString);
        assertTrue(paced.lines().stream().anyMatch(l -> l.contains("\"cause\":\"button\"")), paced.lines()::toString);
        assertEquals(paced.lines(), fast.lines());
        assertEquals(hours, paced.hours().size());
        assertEquals(paced.hours().size(), fast.hours().size());
        double pacedTotal = 0;
        double fastTotal = 0;
        for (int h = 0; h < paced.hours().size(); h++) {
            HourRecord p = paced.hours().get(h);
            HourRecord f = fast.hours().get(h);
            String where = "hour " + p.start() + ": paced " + p.totals() + ", fast-forward " + f.totals();
            assertEquals(p.start(), f.start(), where);
            Totals pt = p.totals();
            Totals ft = f.totals();
            assertEquals(pt.energyKWh(), ft.energyKWh(), 0.001 * pt.energyKWh() + 1e-6, where);
            assertEquals(pt.voltageMinV(), ft.voltageMinV(), 0.1, where);
            assertEquals(pt.voltageAvgV(), ft.voltageAvgV(), 0.1, where);
            assertEquals(pt.voltageMaxV(), ft.voltageMaxV(), 0.1, where);
            assertEquals(pt.powerMaxW(), ft.powerMaxW(), 0.001 * Math.abs(pt.powerMaxW()) + 0.1, where);
            assertEquals(pt.relayClosedMinutes(), ft.relayClosedMinutes(), 0.01, where);
            pacedTotal += pt.energyKWh();
            fastTotal += ft.energyKWh();
        }
        assertEquals(pacedTotal, fastTotal, 0.001 * pacedTotal);
    }

    @Test
    void eight_hours_with_trips_retries_commands_and_buttons_give_the_same_events_and_hourly_rows() {
        assertEquivalent(8);
    }

    @Test
    @Tag("slow")
    void three_days_give_the_same_events_and_hourly_rows() {
        assertEquivalent(3 * 24);
    }

    @Test
    void a_slow_chip_update_period_still_gives_the_same_events() {
        Scenario scenario = Scenario.parse("(slow chip)", """
                duration: 3600.0
                chipUpdatePeriod: 4.0
                memory: on
                steps:
                  - { at: 0.0, voltage: 230.0, current: 3.0 }
                  - { at: 600.0, voltage: 262.0 }
                  - { at: 700.0, voltage: 230.0 }
                  - { at: 1500.0, current: 14.0 }
                  - { at: 1600.0, current: 2.0 }
                  - { at: 2500.0, voltage: 150.0 }
                  - { at: 2540.0, voltage: 230.0 }
                """);
        Simulation.Setup setup = Simulation.Setup.load(Config.parse("(slow chip)", CONFIG));
        Replay fast = replay(scenario, setup, true);
        Replay paced = replay(scenario, setup, false);
        assertTrue(fast.result().strides() > 100, fast.result()::toString);
        assertTrue(paced.lines().size() >= 8, paced.lines()::toString);
        assertEquals(paced.lines(), fast.lines());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.openkws.app.SimulationScenarioTest#scenarios")
    void every_scenario_file_gives_the_same_bytes_with_and_without_fast_forward(String name) throws Exception {
        Scenario scenario = Scenario.load(SimulationScenarioTest.dir().resolve(name + ".yaml"));
        Simulation.Setup setup = Simulation.Setup.load(
                Config.load(SimulationScenarioTest.dir().resolve("configs").resolve(name + ".yaml")));
        Replay fast = replay(scenario, setup, true);
        assertTrue(fast.result().fastForwardOn());
        assertEquals(replay(scenario, setup, false).lines(), fast.lines());
    }

    @Test
    void fast_forward_strides_in_the_scenario_files_so_the_comparison_above_means_something() throws Exception {
        long strides = 0;
        for (String name : SimulationScenarioTest.scenarios().toList()) {
            Scenario scenario = Scenario.load(SimulationScenarioTest.dir().resolve(name + ".yaml"));
            Simulation.Setup setup = Simulation.Setup.load(
                    Config.load(SimulationScenarioTest.dir().resolve("configs").resolve(name + ".yaml")));
            strides += replay(scenario, setup, true).result().strides();
        }
        assertTrue(strides >= 50, "strides over the scenario files: " + strides);
    }

    @Test
    void readings_and_fault_steps_replay_at_wire_pace() throws Exception {
        Simulation.Setup setup = Simulation.Setup.load(Config.parse("(t)", "board: sim\n"));
        Scenario plain = Scenario.parse("(t)", "duration: 60.0\nsteps:\n  - { at: 0.0, current: 1.0 }\n");
        Scenario faulty = Scenario.parse("(t)", "duration: 60.0\nsteps:\n  - { at: 50.0, fault: chipReset }\n");
        assertTrue(Simulation.fastForwardApplies(plain, setup, false, true));
        assertFalse(Simulation.fastForwardApplies(plain, setup, true, true));
        assertFalse(Simulation.fastForwardApplies(faulty, setup, false, true));
        assertFalse(Simulation.fastForwardApplies(plain, setup, false, false));
    }
}
