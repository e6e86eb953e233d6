package io.openkws.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.openkws.io.sim.ht7017.Faults;
import io.openkws.io.sim.ht7017.FrontEnd;
import io.openkws.io.sim.ht7017.Ht7017Sim;
import io.openkws.io.sim.ht7017.PtyHt7017Server;
import io.openkws.time.SystemClock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code openkws read} against the simulated chip on a pseudo-terminal. */
class ReadCommandTest {

    private final Ht7017Sim sim = new Ht7017Sim(SystemClock.instance(), FrontEnd.load(Path.of("hardware/kws302wf/frontends/shunt.yaml")));
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private List<JsonNode> readJson(Faults faults) throws Exception {
        sim.setVoltageV(236.4);
        sim.setCurrentA(7.5);
        sim.setPowerFactor(0.9);
        sim.setFrequencyHz(50.02);
        sim.setFaults(faults);
        try (PtyHt7017Server server = PtyHt7017Server.start(sim)) {
            assertEquals(0, run("read", "--port", server.path(), "--count", "2", "--interval", "0.2", "--json"), err::toString);
        }
        ObjectMapper mapper = new ObjectMapper();
        List<JsonNode> lines = out.toString().lines().map(l -> {
            try {
                return mapper.readTree(l);
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + l, e);
            }
        }).toList();
        assertEquals(2, lines.size(), out::toString);
        return lines;
    }

    private static void assertWithin(double expected, JsonNode value, double relative) {
        assertTrue(value.isNumber(), "number expected: " + value);
        assertEquals(expected, value.asDouble(), Math.abs(expected) * relative, () -> "expected " + expected + " got " + value);
    }

    private static void assertTrueValues(JsonNode line) {
        assertWithin(236.4, line.get("voltage"), 0.003);
        assertWithin(7.5, line.get("current"), 0.003);
        assertWithin(236.4 * 7.5 * 0.9, line.get("power"), 0.003);
        assertWithin(236.4 * 7.5, line.get("apparentPower"), 0.003);
        assertWithin(0.9, line.get("powerFactor"), 0.003);
        assertWithin(50.02, line.get("frequency"), 0.003);
        JsonNode raw = line.get("raw");
        for (String key : List.of("Rms_U", "Rms_I1", "PowerP1", "PowerQ1", "PowerS", "Freq_U", "EnergyP", "EMUSR")) {
            assertTrue(raw.get(key).isIntegralNumber(), key + " in " + raw);
        }
        assertTrue(raw.get("PowerP1").asInt() < 0, "PowerP1 is signed: this board reads forward power negative");
    }

    @Test
    void json_readings_match_the_true_inputs_within_0_3_percent() throws Exception {
        for (JsonNode line : readJson(Faults.NONE)) {
            assertTrueValues(line);
        }
        assertEquals("", err.toString());
    }

    @Test
    void json_readings_stay_right_with_5_percent_corrupted_replies() throws Exception {
        for (JsonNode line : readJson(Faults.corruptReplies(0.05))) {
            assertTrueValues(line);
        }
    }

    @Test
    void text_output_is_one_readable_line_per_reading() {
        sim.setVoltageV(230);
        try (PtyHt7017Server server = PtyHt7017Server.start(sim)) {
            assertEquals(0, run("read", "--port", server.path()), err::toString);
        }
        List<String> lines = out.toString().lines().toList();
        assertEquals(2, lines.size(), out::toString);
        assertTrue(lines.get(0).startsWith("HT7017 DeviceID 0x705304 on /dev/pts/"), lines.get(0));
        assertTrue(lines.get(1).contains("230.00 V"), lines.get(1));
    }

    @Test
    void a_port_that_does_not_exist_is_one_line_on_stderr() {
        assertEquals(Main.EXIT_USAGE, run("read", "--port", "/dev/ttyNOPE-openkws"));
        assertEquals("openkws: /dev/ttyNOPE-openkws: no such serial port" + System.lineSeparator(), err.toString());
        assertEquals("", out.toString());
    }

    @Test
    void a_port_where_nothing_answers_fails_within_5_seconds() {
        sim.setFaults(new Faults(0, 1.0, 0, 0, 0));
        long start = System.nanoTime();
        try (PtyHt7017Server server = PtyHt7017Server.start(sim)) {
            assertEquals(Main.EXIT_USAGE, run("read", "--port", server.path()));
            assertEquals("openkws: no HT7017 answered on " + server.path() + System.lineSeparator(), err.toString());
        }
        assertTrue(System.nanoTime() - start < 5_000_000_000L);
    }

    @Test
    void a_bad_calibration_file_is_one_line_naming_it() {
        assertEquals(Main.EXIT_USAGE, run("read", "--port", "/dev/null", "--calibration", "no-such-profile.yaml"));
        assertEquals("openkws: no-such-profile.yaml: file not found" + System.lineSeparator(), err.toString());
    }
}
