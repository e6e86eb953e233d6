package io.openkws.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openkws.config.Config;
import io.openkws.service.EventJson;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Replays every scenario file into the engine alone and compares with its expected events. */
class ScenarioReplayTest {

    static final double TOLERANCE_SECONDS = 0.4;

    static Path dir() throws URISyntaxException {
        return Path.of(ScenarioReplayTest.class.getResource("/scenarios").toURI());
    }

    static Stream<String> scenarios() throws IOException, URISyntaxException {
        try (Stream<Path> files = Files.list(dir())) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
                    .map(n -> n.substring(0, n.length() - ".yaml".length())).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void the_engine_produces_the_expected_events(String name) throws Exception {
        Path dir = dir();
        Scenario scenario = Scenario.load(dir.resolve(name + ".yaml"));
        Config config = Config.load(dir.resolve("configs").resolve(name + ".yaml"));
        List<String> expected = Files.readAllLines(dir.resolve(name + ".expected.jsonl")).stream()
                .filter(l -> !l.isBlank()).toList();
        List<String> actual = EngineReplay.run(config, scenario).stream().map(EventJson::line).toList();
        String both = "\nexpected:\n" + String.join("\n", expected) + "\nactual:\n" + String.join("\n", actual);
        assertEquals(expected.size(), actual.size(), "event count" + both);
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(withoutTime(expected.get(i)), withoutTime(actual.get(i)), "event " + i + both);
            double dt = Math.abs(time(expected.get(i)) - time(actual.get(i)));
            assertTrue(dt <= TOLERANCE_SECONDS, "event " + i + " off by " + dt + " s" + both);
            assertTrue(dt < 0.0005, "under the ideal 0.1 s reading model the times are exact: event " + i + both);
        }
    }

    @Test
    void every_scenario_has_a_config_and_an_expected_file() throws Exception {
        List<String> names = scenarios().toList();
        assertTrue(names.size() >= 15, "scenarios: " + names);
        for (String n : names) {
            assertTrue(Files.isRegularFile(dir().resolve("configs").resolve(n + ".yaml")), n);
            assertTrue(Files.isRegularFile(dir().resolve(n + ".expected.jsonl")), n);
        }
    }

    private static String withoutTime(String line) {
        int comma = line.indexOf(',');
        assertTrue(line.startsWith("{\"t\":") && comma > 0, line);
        return line.substring(comma + 1);
    }

    private static double time(String line) {
        return Double.parseDouble(line.substring("{\"t\":".length(), line.indexOf(',')));
    }
}
