package io.openkws.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openkws.board.Bl0937Lines;
import io.openkws.board.BoardSpec;
import io.openkws.driver.bl0937.Bl0937Driver;
import io.openkws.driver.bl0937.Bl0937Schedule;
import io.openkws.driver.bl0942.Bl0942Driver;
import io.openkws.io.sim.bl0937.Bl0937Sim;
import io.openkws.io.sim.bl0942.Bl0942FrontEnd;
import io.openkws.io.sim.bl0942.Bl0942Sim;
import io.openkws.io.sim.bl0942.SimBl0942Link;
import io.openkws.io.sim.board.SimMains;
import io.openkws.io.sim.ht7017.FrontEnd.OffsetModel;
import io.openkws.meter.Meter;
import io.openkws.meter.MeterChip;
import io.openkws.meter.Reading;
import io.openkws.meter.Trim;
import io.openkws.meter.bl0937.Bl0937Chip;
import io.openkws.meter.bl0937.Bl0937Profile;
import io.openkws.meter.bl0942.Bl0942Chip;
import io.openkws.meter.bl0942.Bl0942Profile;
import io.openkws.time.VirtualClock;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * {@code openkws calibrate} on the simulated BL0942 and BL0937 boards, in-process in virtual time with scripted
 * input: the wizard, the one-point form and {@code verify --fit} write profiles that {@code run} reads through.
 */
class CalibrateSoftwareChipsCommandTest {

    private final VirtualClock clock = new VirtualClock();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private Bl0942Sim bl0942;
    private Bl0937Sim bl0937;
    private SimMains sim;

    @TempDir
    Path tmp;

    private void simulate(String board, double eV, double eI, double eP, OffsetModel model, double offset) {
        if (board.equals("sim-bl0942")) {
            bl0942 = new Bl0942Sim(clock, Bl0942FrontEnd.load(Path.of("hardware/bl0942-generic/frontends/shunt.yaml"))
                    .withErrors(eV, eI, eP).withOffsets(offset, model, 0));
            sim = bl0942;
        } else {
            bl0937 = new Bl0937Sim(clock, Bl0937Sim.FrontEnd.load(Path.of("hardware/bl0937-generic/frontends/shunt.yaml")), true);
            bl0937.setErrors(new Bl0937Sim.Errors(eV, eI, eP, offset, model, 0));
            sim = bl0937;
        }
        sim.setFrequencyHz(50);
        sim.setPowerFactor(1);
        set(230, 0);
    }

    private void set(double v, double i) {
        sim.setVoltageV(v);
        sim.setCurrentA(i);
    }

    private int run(InputStream in, String... args) {
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        CalibrateCommand cmd = (CalibrateCommand) cli.getSubcommands().get("calibrate").getCommand();
        cmd.bl0942Connector = (port, baud, c) -> new SimBl0942Link(bl0942, clock, baud);
        cmd.bl0937Connector = (board, c) -> new CalibrateCommand.PulseLines(
                new Bl0937Lines(bl0937.cf(), bl0937.cf1(), bl0937.sel(), true), () -> { });
        cmd.connector = (port, c) -> {
            throw new AssertionError("no HT7017 on a BL board");
        };
        cmd.clock = clock;
        cmd.in = in;
        return cli.execute(args);
    }

    private MeterChip chip(Path profile) {
        if (bl0942 != null) {
            return new Bl0942Chip(new Bl0942Driver(new SimBl0942Link(bl0942, clock), clock), Bl0942Profile.load(profile), clock);
        }
        return new Bl0937Chip(new Bl0937Driver(bl0937.cf(), bl0937.cf1(), bl0937.sel(), true, Bl0937Schedule.DEFAULT, clock),
                Bl0937Profile.load(profile));
    }

    /** A reading through the meter after a second and a half of polling at the current mains. */
    private Reading read(Path profile) {
        Meter meter = new Meter(chip(profile), clock);
        meter.start();
        long until = clock.nanoTime() + 1_500_000_000L;
        Reading r = meter.poll();
        while (clock.nanoTime() - until < 0) {
            clock.sleepNanos(50_000_000L);
            r = meter.poll();
        }
        return r;
    }

    private static void assertWithin(double expected, double actual, double relative, String what) {
        assertEquals(expected, actual, Math.abs(expected) * relative, () -> what + ": expected " + expected + " got " + actual);
    }

    private String[] withPort(String board, String... args) {
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of("--board", "hardware/" + board));
        if (board.equals("sim-bl0942")) {
            all.addAll(List.of("--port", "sim"));
        }
        return all.toArray(String[]::new);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sim-bl0942", "sim-bl0937"})
    void the_wizard_calibrates_the_chip_with_its_no_load_step_and_run_reads_half_an_amp_to_ten_within_0_3_percent(String board) throws Exception {
        simulate(board, 0.02, -0.03, 0.02, OffsetModel.FIXED, board.equals("sim-bl0942") ? 3000 : 8);
        Path file = tmp.resolve("wizard.yaml");
        ScriptedInput in = new ScriptedInput().line(() -> set(230, 0), "")
                .line(() -> set(230, 10), "230").line("10").line("2300")
                .line(() -> set(230, 1), "y").line("230").line("1").line("230");
        assertEquals(0, run(in, withPort(board, "calibrate", "--out", file.toString())), err::toString);
        String text = out.toString();
        assertTrue(text.contains("Step 1/3: no-load current") && text.contains("Step 3/3"), text);
        assertTrue(text.contains("measured at no load, 1.000 A and 10.000 A"), text);
        assertTrue(Files.readString(file).contains("trim:"), file::toString);
        for (double amps : new double[] {0.5, 1, 2, 10}) {
            set(230, amps);
            Reading r = read(file);
            assertWithin(amps, r.currentA(), 0.003, board + " I");
            assertWithin(230, r.voltageV(), 0.003, board + " V");
            assertWithin(230 * amps, r.powerW(), 0.003, board + " P");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sim-bl0942", "sim-bl0937"})
    void the_one_point_form_no_longer_refuses_and_says_in_one_line_that_the_datasheet_profile_knows_no_offset(String board)
            throws Exception {
        simulate(board, 0.02, -0.03, 0.02, OffsetModel.FIXED, 0);
        set(230, 5);
        Path file = tmp.resolve("one.yaml");
        assertEquals(0, run(InputStream.nullInputStream(), withPort(board, "calibrate", "--voltage", "230", "--current", "5",
                "--power", "1150", "--out", file.toString())), err::toString);
        List<String> warnings = out.toString().lines().filter(l -> l.startsWith("warning:")).toList();
        assertEquals(1, warnings.size(), out::toString);
        assertTrue(warnings.get(0).contains("no zero measured and no current offset known from")
                && warnings.get(0).endsWith("low currents are not covered (run the wizard for its no-load step)"), warnings.get(0));
        assertTrue(Files.readString(file).contains("Warning: no zero measured"), file::toString);
        set(230, 8);
        assertWithin(8, read(file).currentA(), 0.003, "I without an offset in the model");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sim-bl0942", "sim-bl0937"})
    void verify_fit_recovers_a_current_gain_and_offset_injected_into_the_simulator(String board) throws Exception {
        double offset = board.equals("sim-bl0942") ? 3000 : 8;
        simulate(board, -0.01, 0.025, 0.015, OffsetModel.FIXED, offset);
        Path fitted = tmp.resolve("fitted.yaml");
        String base = board.equals("sim-bl0942") ? "hardware/sim-bl0942/calibration.yaml" : "hardware/bl0937-generic/calibration.yaml";
        ScriptedInput in = new ScriptedInput().line(() -> set(200, 0.5), "").line(() -> set(220, 2), "")
                .line(() -> set(235, 5), "").line(() -> set(250, 10), "");
        assertEquals(0, run(in, withPort(board, "calibrate", "verify", "--calibration", base,
                "--point", "200,0.5,100", "--point", "220,2,440", "--point", "235,5,1175", "--point", "250,10,2500",
                "--fit", "--out", fitted.toString())), err::toString);
        assertTrue(out.toString().contains("Fitted current: gain"), out::toString);
        Trim t = board.equals("sim-bl0942") ? Bl0942Profile.load(fitted).trim() : Bl0937Profile.load(fitted).trim();
        assertEquals(1.025, t.currentGain(), 0.0005, "fitted current gain");
        assertEquals(offset, t.currentOffset(), offset * 0.01, "fitted current offset");
        assertEquals(0.99, t.voltageGain(), 0.0005, "fitted voltage gain");
        set(230, 0.7);
        assertWithin(0.7, read(fitted).currentA(), 0.003, "I at 0.7 A with the fitted profile");
    }

    @Test
    void the_bl0942_needs_a_port_and_says_so_in_one_line() {
        simulate("sim-bl0942", 0, 0, 0, OffsetModel.FIXED, 0);
        Path file = tmp.resolve("never.yaml");
        assertEquals(Main.EXIT_USAGE, run(InputStream.nullInputStream(), "calibrate", "--board", "hardware/sim-bl0942",
                "--voltage", "230", "--current", "5", "--power", "1150", "--out", file.toString()));
        assertEquals("openkws: calibrate needs --port PATH for the BL0942 (see --help)" + System.lineSeparator(), err.toString());
        assertFalse(Files.exists(file));
    }

    @Test
    void a_front_end_the_board_does_not_have_is_refused_in_one_line() {
        simulate("sim-bl0937", 0, 0, 0, OffsetModel.FIXED, 0);
        assertEquals(Main.EXIT_USAGE, run(InputStream.nullInputStream(), "calibrate", "--board", "hardware/sim-bl0937",
                "--frontend", "ct", "--voltage", "230", "--current", "5", "--power", "1150", "--out", tmp.resolve("x.yaml").toString()));
        assertEquals("openkws: --frontend ct: board sim-bl0937 has the shunt front-end only (its bl0937 is calibrated on it)"
                + System.lineSeparator(), err.toString());
    }

    @Test
    void a_gain_step_below_pf_1_is_refused_in_one_line_on_a_chip_without_phase() {
        simulate("sim-bl0937", 0, 0, 0, OffsetModel.FIXED, 0);
        sim.setPowerFactor(0.5);
        set(230, 5);
        Path file = tmp.resolve("never.yaml");
        assertEquals(Main.EXIT_USAGE, run(InputStream.nullInputStream(), "calibrate", "--board", "hardware/sim-bl0937",
                "--voltage", "230", "--current", "5", "--power", "575", "--power-factor", "0.5", "--out", file.toString()));
        assertEquals("openkws: the BL0937's gain step needs a resistive load (PF 1), not PF 0.50: it has no phase to calibrate"
                + System.lineSeparator(), err.toString());
        assertFalse(Files.exists(file));
        assertTrue(BoardSpec.load("sim-bl0937").meter().chip() == BoardSpec.Chip.BL0937);
    }
}
