package io.openkws.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Arguments a hostile or unlucky user passes get one line and exit 2, before anything long runs. */
class HostileArgumentsTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private void assertRefused(String expectedLine, String... args) {
        assertEquals(2, run(args), err.toString());
        assertEquals("openkws: " + expectedLine + "\n", err.toString());
        assertEquals("", out.toString(), "the bench started before refusing its arguments");
    }

    @Test
    void bench_refuses_a_trip_count_out_of_range_before_running() {
        assertRefused("--trips must be 1 to 10000, not 2147483647", "bench", "--trips", "2147483647");
    }

    @Test
    void bench_refuses_zero_trips() {
        assertRefused("--trips must be 1 to 10000, not 0", "bench", "--trips", "0");
    }

    @Test
    void bench_refuses_a_read_count_out_of_range() {
        assertRefused("--reads must be 1 to 100000, not -5", "bench", "--reads", "-5");
    }

    @Test
    void bench_refuses_a_soak_of_no_time() {
        assertRefused("--soak must be above 0 and at most 8760 hours, not 0.0", "bench", "--soak", "0");
    }

    @Test
    void bench_refuses_a_soak_of_more_than_a_year() {
        assertRefused("--soak must be above 0 and at most 8760 hours, not 100000.0", "bench", "--soak", "100000");
    }

    @Test
    void bench_refuses_scenario_hours_that_would_never_end() {
        assertRefused("--scenario-hours must be above 0 and at most 24, not 1.0E9", "bench", "--scenario-hours",
                "1e9");
        err.getBuffer().setLength(0);
        assertRefused("--scenario-hours must be above 0 and at most 24, not NaN", "bench", "--scenario-hours", "NaN");
    }

    @Test
    void bench_refuses_a_json_path_in_a_missing_directory_before_running() {
        Path target = dir.resolve("no/such/dir/x.json");
        assertRefused("--json " + target + ": directory " + target.getParent() + " does not exist", "bench",
                "--json", target.toString());
    }

    @Test
    void bench_refuses_a_directory_as_json_output() {
        assertRefused("--json " + dir + ": is a directory, not a file", "bench", "--json", dir.toString());
    }

    @Test
    void a_huge_flag_value_is_not_echoed_whole() {
        String huge = "9".repeat(2_000_000);
        assertEquals(2, run("bench", "--trips", huge));
        String line = err.toString();
        assertTrue(line.length() < 400, "stderr line of " + line.length() + " characters");
        assertTrue(line.startsWith("openkws: ") && line.endsWith("\n") && line.indexOf('\n') == line.length() - 1,
                line);
    }

    @Test
    void read_on_a_regular_file_says_it_is_not_a_serial_device() throws Exception {
        Path file = Files.writeString(dir.resolve("ttyFAKE"), "not a port");
        assertRefused(file + ": not a serial device (a regular file; give the UART's device, e.g. /dev/ttyAMA0)",
                "read", "--port", file.toString());
    }

    @Test
    void read_text_output_of_a_meter_at_rest_shows_no_negative_zero() {
        io.openkws.meter.Reading r = new io.openkws.meter.Reading(1_000_000_000L, 230.0, -0.0004, -0.04, -0.03,
                -0.02, -0.0001, 50.0, -0.0, null);
        String text = ReadCommand.toText(r, 0);
        assertTrue(!text.contains("-0"), text);
        assertTrue(text.contains("0.000 A") && text.contains("0.0 W"), text);
    }
}
