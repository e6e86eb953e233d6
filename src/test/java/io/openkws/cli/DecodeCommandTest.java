package io.openkws.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openkws.yaml.ConfNode;
import io.openkws.decode.Captures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DecodeCommandTest {

    record Run(int exit, String out, String err) {
        List<String> outLines() {
            return out.lines().toList();
        }
    }

    static Run run(String... args) {
        CommandLine cli = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void decode_tuyamcu_json_prints_one_object_per_frame() {
        Run r = run("decode", "tuyamcu", "--json", Captures.path("kws302wf-tuyamcu.txt").toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(18, r.outLines().size());
        assertTrue(r.outLines().stream()
                .allMatch(l -> l.startsWith("{\"command\":") && l.contains("\"checksumOk\":true")));
        assertEquals("", r.err());
    }

    @Test
    void decode_tuyamcu_json_sends_problems_to_stderr_and_human_output_keeps_them_in_order(@TempDir Path dir)
            throws Exception {
        Path capture = dir.resolve("c.txt");
        Files.writeString(capture, "55 AA 00 00 00 00 FF\nDE AD\n55 AA 00 08 00 00 07\n");
        Run json = run("decode", "tuyamcu", "--json", capture.toString());
        assertEquals(2, json.outLines().size());
        assertEquals("openkws: line 2: skipped 2 byte(s) that are not a TuyaMCU frame: DE AD", json.err().strip());
        Run human = run("decode", "tuyamcu", capture.toString());
        List<String> lines = human.outLines();
        assertTrue(lines.get(1).startsWith("! line 2: skipped 2 byte(s)"), human.out());
        assertTrue(lines.get(2).contains("query status"), human.out());
    }

    @Test
    void decode_ht7017_extracts_a_calibration_profile(@TempDir Path dir) {
        Path out = dir.resolve("stock.yaml");
        Run r = run("decode", "ht7017", "--json", Captures.path("ht7017-synthetic-boot.txt").toString(),
                "--extract-calibration", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(25, r.outLines().size());
        ConfNode profile = ConfNode.load(out);
        assertEquals("extracted-from-ht7017-synthetic-boot.txt", profile.requireString("name"));
        assertEquals(0xFF12, profile.section("registers").requireInteger("GP1", 0, 0xFFFF));
        assertTrue(r.err().contains("wrote 9 calibration register(s)"), r.err());
    }

    @Test
    void an_extracted_profile_is_accepted_by_the_profile_loader_and_by_read(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("stock.yaml");
        assertEquals(0, run("decode", "ht7017", Captures.path("ht7017-synthetic-boot.txt").toString(),
                "--extract-calibration", out.toString()).exit());
        io.openkws.meter.CalibrationProfile profile = io.openkws.meter.CalibrationProfile.load(out);
        assertEquals(0xFF12, profile.registers().get(io.openkws.driver.ht7017.Ht7017Register.GP1));
        io.openkws.io.sim.ht7017.Ht7017Sim sim = new io.openkws.io.sim.ht7017.Ht7017Sim(
                io.openkws.time.SystemClock.instance(),
                io.openkws.io.sim.ht7017.FrontEnd.load(Path.of("hardware/kws302wf/frontends/shunt.yaml")));
        sim.setVoltageV(230);
        try (io.openkws.io.sim.ht7017.PtyHt7017Server server = io.openkws.io.sim.ht7017.PtyHt7017Server.start(sim)) {
            Run read = run("read", "--port", server.path(), "--calibration", out.toString(), "--json");
            assertEquals(0, read.exit(), read.err());
            assertTrue(read.out().contains("\"raw\""), read.out());
        }
        assertEquals(0xFF12, sim.peek(io.openkws.driver.ht7017.Ht7017Register.GP1.address()),
                "read wrote the extracted registers to the chip at init");
    }

    @Test
    void an_unreadable_file_or_a_bad_token_is_one_line_and_exit_2(@TempDir Path dir) throws Exception {
        Run missing = run("decode", "tuyamcu", dir.resolve("nope.txt").toString());
        assertEquals(2, missing.exit());
        assertEquals(1, missing.err().lines().count());
        assertTrue(missing.err().contains("nope.txt: file not found"), missing.err());
        Path bad = dir.resolve("bad.txt");
        Files.writeString(bad, "MCU> 6A 08\nMCU> 6A XY\n");
        Run badToken = run("decode", "ht7017", bad.toString());
        assertEquals(2, badToken.exit());
        assertEquals("openkws: " + bad + ":2: 'XY' is not hex bytes (two hex digits per byte)", badToken.err().strip());
    }

    @Test
    void decode_without_a_protocol_asks_for_one() {
        Run r = run("decode");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("say what to decode: tuyamcu, ht7017"), r.err());
    }
}
