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

    static Stream<String> faultScenarios() throws IOException, URISyntaxException {
        try (Stream<Path> files = Files.list(dir().resolve("faults"))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
                    .map(n -> n.substring(0, n.length() - ".yaml".length())).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void the_whole_controller_produces_the_expected_events(String name) throws Exception {
        compare(dir().resolve(name + ".expected.jsonl"), simulate(name, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faultScenarios")
    void every_fail_safe_path_of_the_simulated_board_replays_with_the_expected_events(String name) throws Exception {
        Path faults = dir().resolve("faults");
        Scenario scenario = Scenario.load(faults.resolve(name + ".yaml"));
        Config config = Config.load(faults.resolve("configs").resolve("common.yaml"));
        compare(faults.resolve(name + ".expected.jsonl"), Simulation.run(scenario, Simulation.Setup.load(config), false));
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

    private static void compare(Path expectedFile, List<String> actual) throws IOException {
        List<String> expected = Files.readAllLines(expectedFile).stream().filter(l -> !l.isBlank()).toList();
        String both = "\nexpected:\n" + String.join("\n", expected) + "\nactual:\n" + String.join("\n", actual);
        assertEquals(expected.size(), actual.size(), "event count" + both);
        for (int i = 0; i < expected.size(); i++) {
            ObjectNode e = (ObjectNode) JSON.readTree(expected.get(i));
            ObjectNode a = (ObjectNode) JSON.readTree(actual.get(i));
            double dt = Math.abs(e.remove("t").asDouble() - a.remove("t").asDouble());
            assertTrue(dt <= TOLERANCE_SECONDS, "event " + i + " off by " + dt + " s" + both);
            JsonNode ev = e.remove("value");
            JsonNode av = a.remove("value");
            if (ev != null) {
                assertTrue(av != null && Math.abs(ev.asDouble() - av.asDouble()) <= 0.01 * Math.abs(ev.asDouble()) + 0.05,
                        "event " + i + " value" + both);
            }
            assertEquals(e, a, "event " + i + both);
        }
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
