package io.openkws.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.openkws.config.Config;
import io.openkws.scenario.Scenario;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays every scenario file through the real controller in virtual time (simulated HT7017 polled at wire
 * timing, meter, engine, relay driver, simulated relay, buttons and menu) and compares with the expected events:
 * same events in the same order, times within ±0.4 s, measured values within 1 %.
 */
class SimulationScenarioTest {

    private static final double TOLERANCE_SECONDS = 0.4;
    private static final ObjectMapper JSON = new ObjectMapper();

    static Path dir() throws URISyntaxException {
        return Path.of(SimulationScenarioTest.class.getResource("/scenarios").toURI());
    }

    static Stream<String> scenarios() throws IOException, URISyntaxException {
        try (Stream<Path> files = Files.list(dir())) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
                    .map(n -> n.substring(0, n.length() - ".yaml".length())).sorted().toList().stream();
        }
    }

    static List<String> simulate(String name, boolean readings) throws Exception {
        Scenario scenario = Scenario.load(dir().resolve(name + ".yaml"));
        Config config = Config.load(dir().resolve("configs").resolve(name + ".yaml"));
        return Simulation.run(scenario, Simulation.Setup.load(config), readings);
    }

    /**
     * The events of scenario {@code name} replayed with its config moved to {@code board} (a simulated board whose
     * chip is a {@code chipType}).
     */
    static List<String> simulateOn(String board, Class<? extends ChipSetup> chipType, String name) throws Exception {
        Scenario scenario = Scenario.load(dir().resolve(name + ".yaml"));
        String config = Files.readString(dir().resolve("configs").resolve(name + ".yaml"));
        assertTrue(config.contains("board: sim\n"), "the scenario config names the simulated board");
        Config moved = Config.parse(name + " on " + board, config.replace("board: sim\n", "board: " + board + "\n"));
        Simulation.Setup setup = Simulation.Setup.load(moved);
        assertTrue(chipType.isInstance(setup.chip()), "the board's chip is a " + chipType.getSimpleName());
        return Simulation.run(scenario, setup, false);
    }

    static Stream<String> faultScenarios() throws IOException, URISyntaxException {
        try (Stream<Path> files = Files.list(dir().resolve("faults"))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
                    .map(n -> n.substring(0, n.length() - ".yaml".length())).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void the_whole_controller_produces_the_expected_events(String name) throws Exception {
        compare(dir().resolve(name + ".expected.jsonl"), simulate(name, false), TOLERANCE_SECONDS);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faultScenarios")
    void every_fail_safe_path_of_the_simulated_board_replays_with_the_expected_events(String name) throws Exception {
        Path faults = dir().resolve("faults");
        Scenario scenario = Scenario.load(faults.resolve(name + ".yaml"));
        Config config = Config.load(faults.resolve("configs").resolve("common.yaml"));
        compare(faults.resolve(name + ".expected.jsonl"), Simulation.run(scenario, Simulation.Setup.load(config), false),
                TOLERANCE_SECONDS);
    }

    @Test
    void there_is_a_fault_scenario_for_every_fault_step() throws Exception {
        Path faults = dir().resolve("faults");
        String all = String.join("\n", faultScenarios().map(n -> {
            try {
                return Files.readString(faults.resolve(n + ".yaml"));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).toList());
        for (Scenario.FaultStep.Kind kind : Scenario.FaultStep.Kind.values()) {
            assertTrue(all.contains("fault: " + kind.wire()), "no fault scenario uses " + kind.wire());
        }
    }

    /**
     * Asserts {@code actual} has the events of {@code expectedFile}: same events in the same order, times within
     * {@code toleranceSeconds}, measured values within 1 %. Returns the largest time deviation, seconds.
     */
    static double compare(Path expectedFile, List<String> actual, double toleranceSeconds) throws IOException {
        List<String> expected = Files.readAllLines(expectedFile).stream().filter(l -> !l.isBlank()).toList();
        String both = "\nexpected:\n" + String.join("\n", expected) + "\nactual:\n" + String.join("\n", actual);
        assertEquals(expected.size(), actual.size(), "event count" + both);
        double worst = 0;
        for (int i = 0; i < expected.size(); i++) {
            ObjectNode e = (ObjectNode) JSON.readTree(expected.get(i));
            ObjectNode a = (ObjectNode) JSON.readTree(actual.get(i));
            double dt = Math.abs(e.remove("t").asDouble() - a.remove("t").asDouble());
            worst = Math.max(worst, dt);
            assertTrue(dt <= toleranceSeconds, "event " + i + " off by " + dt + " s" + both);
            JsonNode ev = e.remove("value");
            JsonNode av = a.remove("value");
            if (ev != null) {
                assertTrue(av != null && Math.abs(ev.asDouble() - av.asDouble()) <= 0.01 * Math.abs(ev.asDouble()) + 0.05,
                        "event " + i + " value" + both);
            }
            assertEquals(e, a, "event " + i + both);
        }
        return worst;
    }

    @Test
    void identical_input_gives_byte_identical_output() throws Exception {
        assertEquals(simulate("overload-retries", true), simulate("overload-retries", true));
    }

    @Test
    void readings_follow_the_scenario_true_values() throws Exception {
        List<String> lines = simulate("ovp", true);
        JsonNode late = lines.stream().map(l -> {
            try {
                return JSON.readTree(l);
            } catch (IOException ex) {
                throw new IllegalStateException(ex);
            }
        }).filter(n -> n.get("type").asText().equals("reading") && n.get("t").asDouble() > 41.5 && n.get("t").asDouble() < 45).findFirst().orElseThrow();
        assertEquals(262.0, late.get("voltage").asDouble(), 262.0 * 0.003);
    }
}
