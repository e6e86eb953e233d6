package io.openkws.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.openkws.config.Config;
import io.openkws.driver.bl0937.Bl0937Schedule;
import io.openkws.scenario.Scenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code simulate} with {@code board: sim-bl0937}: the whole controller on the simulated BL0937 (pulse trains in
 * virtual time, the driver's SEL schedule) replays the OVP, UVP (mains loss) and OCP scenarios with the HT7017
 * scenarios' expected events, times within {@link #TOLERANCE_SECONDS}.
 *
 * <p>The tolerance comes from the SEL schedule ({@link Bl0937Schedule#DEFAULT}). The expected files assume a reading
 * every 0.1 s that already shows a step's values at the step's time. On the BL0937 a voltage step is seen in full
 * at most {@link Bl0937Schedule#worstVoltageLatencyNanos()} = 0.5 s later (the current phase stretches to 0.4 s
 * while no current flows, as after a trip, when the mains' return decides the restore time; 0.2 s while the load
 * draws current), and a current step within one SEL cycle plus the blended current window (0.3 + 0.1 + 0.08 s).
 * The engine's own step is the expected files' 0.1 s reading period, against which a reading can fall either side.
 * Tolerance: 0.5 s (latency) + 0.1 s (reading period) = 0.6 s, against the HT7017's 0.4 s and the BL0942's 0.35 s.
 */
class SimulationBl0937ScenarioTest {

    /** Seconds; derived above from the SEL schedule. */
    static final double TOLERANCE_SECONDS = 0.6;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<String> simulate(String name) throws Exception {
        Path dir = SimulationScenarioTest.dir();
        Scenario scenario = Scenario.load(dir.resolve(name + ".yaml"));
        String config = Files.readString(dir.resolve("configs").resolve(name + ".yaml"));
        assertTrue(config.contains("board: sim\n"), "the scenario config names the simulated board");
        Config bl0937 = Config.parse(name + " on sim-bl0937", config.replace("board: sim\n", "board: sim-bl0937\n"));
        Simulation.Setup setup = Simulation.Setup.load(bl0937);
        assertTrue(setup.chip() instanceof ChipSetup.Bl0937, "the board's chip is a BL0937");
        return Simulation.run(scenario, setup, false);
    }

    @Test
    void the_tolerance_covers_the_schedule_worst_voltage_latency_and_one_reading_period() {
        assertTrue(Bl0937Schedule.DEFAULT.worstVoltageLatencyNanos() / 1e9 + 0.1 <= TOLERANCE_SECONDS);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ovp", "mains-loss", "uvp-recovery", "ocp-delayed", "ocp-instant", "ocp-latch-user-on"})
    void the_whole_controller_on_the_bl0937_trips_like_the_scenario_expects(String name) throws Exception {
        List<String> expected = Files.readAllLines(SimulationScenarioTest.dir().resolve(name + ".expected.jsonl")).stream()
                .filter(l -> !l.isBlank()).toList();
        List<String> actual = simulate(name);
        String both = "\nexpected:\n" + String.join("\n", expected) + "\nactual:\n" + String.join("\n", actual);
        assertEquals(expected.size(), actual.size(), "event count" + both);
        double worst = 0;
        for (int i = 0; i < expected.size(); i++) {
            ObjectNode e = (ObjectNode) JSON.readTree(expected.get(i));
            ObjectNode a = (ObjectNode) JSON.readTree(actual.get(i));
            double dt = Math.abs(e.remove("t").asDouble() - a.remove("t").asDouble());
            worst = Math.max(worst, dt);
            assertTrue(dt <= TOLERANCE_SECONDS, "event " + i + " off by " + dt + " s" + both);
            JsonNode ev = e.remove("value");
            JsonNode av = a.remove("value");
            if (ev != null) {
                assertTrue(av != null && Math.abs(ev.asDouble() - av.asDouble()) <= 0.01 * Math.abs(ev.asDouble()) + 0.05,
                        "event " + i + " value" + both);
            }
            assertEquals(e, a, "event " + i + both);
        }
        System.out.printf("sim-bl0937 %s: worst event time deviation %.3f s%n", name, worst);
    }
}
