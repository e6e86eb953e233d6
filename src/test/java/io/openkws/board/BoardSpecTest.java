package io.openkws.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openkws.yaml.ConfigException;
import io.openkws.driver.button.Button;
import io.openkws.driver.button.Chord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped board files load, and a malformed board file fails with one line naming file and key. */
class BoardSpecTest {

    @TempDir
    Path tmp;

    private static String kws302wf() throws Exception {
        return Files.readString(Path.of("hardware/kws302wf/board.yaml"));
    }

    private ConfigException failing(String text) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("bad"));
        Files.writeString(dir.resolve("board.yaml"), text);
        ConfigException e = assertThrows(ConfigException.class, () -> BoardSpec.load(dir));
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        assertTrue(e.getMessage().contains("board.yaml:"), "names the file: " + e.getMessage());
        return e;
    }

    @Test
    void the_kws302wf_board_has_the_provisional_pins_of_the_wiring_guide() {
        BoardSpec b = BoardSpec.load("hardware/kws302wf");
        assertEquals("kws302wf", b.name());
        assertEquals(new BoardSpec.Uart("/dev/serial0", 14, 15), b.uart());
        assertEquals(new BoardSpec.Tm1622Pins(5, 6, 13, OptionalInt.of(19), 5_000), b.tm1622());
        assertEquals(new BoardSpec.ButtonPin(17, BoardSpec.Level.LOW, BoardSpec.Pull.UP), b.buttons().pins().get(Button.MENU));
        assertEquals(27, b.buttons().pins().get(Button.PLUS).pin());
        assertEquals(22, b.buttons().pins().get(Button.MINUS).pin());
        assertEquals(23, b.buttons().pins().get(Button.POWER).pin());
        assertEquals(24, b.relay().onCoil());
        assertEquals(25, b.relay().offCoil());
        assertEquals(BoardSpec.Level.HIGH, b.relay().coilActive());
        assertEquals(100_000_000L, b.relay().timing().pulseNanos());
        assertEquals(1_000_000_000L, b.relay().timing().minIntervalNanos());
        assertEquals("shunt", b.frontEnd());
        assertEquals(b.dir().resolve("frontends/shunt.yaml"), b.frontEndFile());
        assertEquals(b.dir().resolve("lcd-segments.csv"), b.lcdSegmentsFile());
        assertEquals(b.dir().resolve("calibration.yaml"), b.calibrationFile());
        assertFalse(b.simulated());
        assertEquals(5_000_000_000L, b.buttons().timing().chords().iterator().next().holdNanos());
    }

    @Test
    void the_sim_board_carries_the_design_defaults() {
        BoardSpec b = BoardSpec.load("sim");
        assertTrue(b.simulated());
        BoardSpec.Simulation s = b.simulation().orElseThrow();
        assertEquals(100_000_000L, s.chipUpdatePeriodNanos());
        assertEquals(100_000_000L, b.relay().timing().pulseNanos());
        assertEquals(1_000_000_000L, b.relay().timing().minIntervalNanos());
        assertEquals(Chord.FACTORY_RESET, b.buttons().timing().chords().iterator().next());
    }

    @Test
    void board_names_resolve_against_the_project_root() {
        Path home = Path.of("/opt/openkws");
        assertEquals(Path.of("/opt/openkws/hardware/sim"), BoardSpec.resolve("sim", home));
        assertEquals(Path.of("/opt/openkws/hardware/kws302wf"), BoardSpec.resolve("hardware/kws302wf", home));
        assertEquals(Path.of("/srv/boards/mine"), BoardSpec.resolve("/srv/boards/mine", home));
    }

    @Test
    void the_project_root_comes_from_openkws_home_when_set() {
        String before = System.getProperty("openkws.home");
        try {
            System.setProperty("openkws.home", tmp.toString());
            assertEquals(tmp.toAbsolutePath().resolve("hardware/sim"), BoardSpec.resolve("sim", BoardSpec.home()));
        } finally {
            if (before == null) {
                System.clearProperty("openkws.home");
            } else {
                System.setProperty("openkws.home", before);
            }
        }
    }

    @Test
    void an_unknown_board_says_its_file_is_missing() {
        ConfigException e = assertThrows(ConfigException.class, () -> BoardSpec.load(tmp.resolve("nope")));
        assertTrue(e.getMessage().endsWith("board.yaml: board file not found (is the board name right?)"), e.getMessage());
    }

    @Test
    void a_missing_key_is_named() throws Exception {
        ConfigException e = failing(kws302wf().replace("  pulse: 0.1 ", "  # no pulse "));
        assertTrue(e.getMessage().endsWith(": relay.pulse: missing key"), e.getMessage());
    }

    @Test
    void a_missing_button_is_named() throws Exception {
        ConfigException e = failing(kws302wf().replaceAll("(?m)^  power:.*$", ""));
        assertTrue(e.getMessage().endsWith(": buttons.power: missing key"), e.getMessage());
    }

    @Test
    void a_pin_used_twice_names_both_keys() throws Exception {
        ConfigException e = failing(kws302wf().replace("onCoil: 24", "onCoil: 27"));
        assertTrue(e.getMessage().contains(":35: relay.onCoil: pin 27 is already used by buttons.plus.pin"), e.getMessage());
    }

    @Test
    void a_pin_on_the_uart_is_a_duplicate_too() throws Exception {
        ConfigException e = failing(kws302wf().replace("cs: 5 ", "cs: 14 "));
        assertTrue(e.getMessage().contains("tm1622.cs: pin 14 is already used by uart.txPin"), e.getMessage());
    }

    @Test
    void a_pin_out_of_range_is_named_with_the_range() throws Exception {
        ConfigException e = failing(kws302wf().replace("menu:  { pin: 17", "menu:  { pin: 40"));
        assertTrue(e.getMessage().endsWith("buttons.menu.pin: 40 is out of range (0 to 27)"), e.getMessage());
    }

    @Test
    void a_pulse_out_of_range_is_named_with_the_range() throws Exception {
        ConfigException e = failing(kws302wf().replace("pulse: 0.1 ", "pulse: 2 "));
        assertTrue(e.getMessage().endsWith("relay.pulse: 2 is out of range (0.01 to 1)"), e.getMessage());
    }

    @Test
    void a_minimum_interval_shorter_than_the_pulse_is_refused() throws Exception {
        ConfigException e = failing(kws302wf().replace("minInterval: 1.0", "minInterval: 0.05"));
        assertTrue(e.getMessage().contains("relay.minInterval: 0.05 is shorter than relay.pulse"), e.getMessage());
    }

    @Test
    void a_bad_level_and_an_unknown_key_are_named() throws Exception {
        assertTrue(failing(kws302wf().replace("coilActive: high", "coilActive: up")).getMessage()
                .contains("relay.coilActive: 'up' is not one of high, low"));
        assertTrue(failing(kws302wf().replace("frontEnd: shunt", "frontEnd: shunt\nfrontend: ct")).getMessage()
                .contains("frontend: unknown key"));
        assertTrue(failing(kws302wf().replace("frontEnd: shunt", "frontEnd: hall")).getMessage()
                .contains("frontEnd: 'hall' is not one of shunt, ct"));
    }

    @Test
    void file_names_must_stay_inside_the_board_directory() throws Exception {
        ConfigException e = failing(kws302wf().replace("calibration: calibration.yaml", "calibration: ../x.yaml"));
        assertTrue(e.getMessage().contains("calibration: '../x.yaml' must be a file name inside the board directory"),
                e.getMessage());
        ConfigException deeper = failing(kws302wf().replace("calibration: calibration.yaml", "calibration: ../../etc/x"));
        assertTrue(deeper.getMessage().contains("must be a file name inside"), deeper.getMessage());
    }

    @Test
    void the_shipped_boards_name_their_chip_and_a_board_without_the_key_has_an_ht7017() throws Exception {
        assertEquals(BoardSpec.Chip.HT7017, BoardSpec.load("hardware/kws302wf").meter().chip());
        assertEquals(BoardSpec.Chip.HT7017, BoardSpec.load("sim").meter().chip());
        Path dir = Files.createDirectories(tmp.resolve("old"));
        Files.writeString(dir.resolve("board.yaml"), kws302wf().replaceAll("(?ms)^meter:.*", ""));
        BoardSpec old = BoardSpec.load(dir);
        assertEquals(BoardSpec.MeterSpec.HT7017, old.meter());
    }

    @Test
    void a_bl0942_board_takes_a_rate_the_chip_has_and_refuses_others() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("bl"));
        Files.writeString(dir.resolve("board.yaml"), kws302wf().replace("  chip: ht7017 ", "  " + "{ chip: bl0942, baud: 9600 }")
                .replace("meter:\n  {", "meter: {"));
        assertEquals(new BoardSpec.MeterSpec(BoardSpec.Chip.BL0942, 9600), BoardSpec.load(dir).meter());
        String rate = failing(kws302wf().replace("  chip: ht7017 ", "  " + "chip: bl0942\n  baud: 2400")).getMessage();
        assertTrue(rate.contains("meter.baud: 2400 is not a BL0942 rate"), rate);
        assertTrue(failing(kws302wf().replace("  chip: ht7017 ", "  " + "chip: hlw8032")).getMessage()
                .contains("meter.chip: 'hlw8032' is not one of ht7017, bl0942, bl0937"));
        assertTrue(failing(kws302wf().replace("  chip: ht7017 ", "  " + "chip: ht7017\n  baud: 9600")).getMessage()
                .contains("meter.baud: the HT7017 talks at 4800 baud only"));
        assertTrue(failing(kws302wf().replace("  chip: ht7017 ", "  " + "chip: ht7017\n  adress: 1")).getMessage()
                .contains("meter.adress: unknown key"));
    }

    @Test
    void the_lcd_is_optional_but_needs_both_its_lines_and_its_segment_map() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("nolcd"));
        String noLcd = kws302wf().replaceAll("(?ms)^tm1622:.*?\n\n", "").replaceAll("(?m)^lcdSegments:.*$", "");
        Files.writeString(dir.resolve("board.yaml"), noLcd);
        BoardSpec b = BoardSpec.load(dir);
        assertFalse(b.hasLcd());
        assertThrows(IllegalStateException.class, b::tm1622);
        assertTrue(BoardSpec.load("hardware/kws302wf").hasLcd());
        ConfigException e = failing(kws302wf().replaceAll("(?m)^lcdSegments:.*$", ""));
        assertTrue(e.getMessage().contains("lcdSegments: needed too"), e.getMessage());
    }

    /** The simulated board's file with {@code simulationLines} added; its KWS-302WF files copied next to it. */
    private String simWith(String simulationLines) throws Exception {
        Path from = Path.of("hardware/kws302wf");
        try (var files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = tmp.resolve("kws302wf").resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else if (!Files.exists(target)) {
                    Files.copy(p, target);
                }
            }
        }
        return Files.readString(Path.of("hardware/sim/board.yaml"))
                .replaceFirst("(?m)^(  relayInitiallyClosed:.*)$", "$1\n" + simulationLines);
    }

    @Test
    void the_simulated_board_reads_its_mains_steps_in_time_order() throws Exception {
        assertTrue(BoardSpec.load("sim").simulation().orElseThrow().mainsSteps().isEmpty(), "none by default");
        Path dir = Files.createDirectories(tmp.resolve("steps"));
        Files.writeString(dir.resolve("board.yaml"), simWith("""
                  mainsSteps:
                    - { at: 0, current: 25 }
                    - { at: 3.5, voltage: 262, powerFactor: 0.8, frequency: 49.5 }
                """));
        java.util.List<BoardSpec.MainsStep> steps = BoardSpec.load(dir).simulation().orElseThrow().mainsSteps();
        assertEquals(2, steps.size());
        assertEquals(new BoardSpec.MainsStep(0, java.util.OptionalDouble.empty(), java.util.OptionalDouble.of(25),
                java.util.OptionalDouble.empty(), java.util.OptionalDouble.empty()), steps.get(0));
        assertEquals(3_500_000_000L, steps.get(1).atNanos());
        assertEquals(262.0, steps.get(1).voltageV().orElseThrow());
        assertEquals(0.8, steps.get(1).powerFactor().orElseThrow());
        assertEquals(49.5, steps.get(1).frequencyHz().orElseThrow());
    }

    @Test
    void the_simulated_board_sets_chip_noise_for_run_and_a_wild_value_is_refused() throws Exception {
        assertEquals(0.0001, BoardSpec.load("sim").simulation().orElseThrow().chipNoise().orElseThrow(), 1e-12);
        Path dir = Files.createDirectories(tmp.resolve("quiet"));
        Files.writeString(dir.resolve("board.yaml"), Files.readString(Path.of("hardware/sim/board.yaml"))
                .replaceFirst("(?m)^  chipNoise:.*$", "  chipNoise: 0"));
        assertEquals(0.0, BoardSpec.load(dir).simulation().orElseThrow().chipNoise().orElseThrow());
        Path without = Files.createDirectories(tmp.resolve("without"));
        Files.writeString(without.resolve("board.yaml"), Files.readString(Path.of("hardware/sim/board.yaml"))
                .replaceFirst("(?m)^  chipNoise:.*$", ""));
        assertTrue(BoardSpec.load(without).simulation().orElseThrow().chipNoise().isEmpty(), "the front-end's then");
        assertTrue(failing(Files.readString(Path.of("hardware/sim/board.yaml"))
                .replaceFirst("(?m)^  chipNoise:.*$", "  chipNoise: 0.5")).getMessage().contains("chipNoise"));
    }

    @Test
    void a_mains_step_out_of_order_out_of_range_unknown_or_empty_is_refused_in_one_line() throws Exception {
        assertTrue(failing(simWith("  mainsSteps:\n    - { at: 3, voltage: 262 }\n    - { at: 1, voltage: 230 }"))
                .getMessage().contains("simulation.mainsSteps[1].at: 1.0 is before the previous step's 3.0"));
        assertTrue(failing(simWith("  mainsSteps:\n    - { at: 1, voltage: 900 }")).getMessage()
                .contains("simulation.mainsSteps[0].voltage: 900 is out of range (0 to 500)"));
        assertTrue(failing(simWith("  mainsSteps:\n    - { at: 1, volts: 262 }")).getMessage()
                .contains("simulation.mainsSteps[0].volts: unknown key"));
        assertTrue(failing(simWith("  mainsSteps:\n    - { at: 1 }")).getMessage()
                .contains("step does nothing"));
        assertTrue(failing(simWith("  mainsSteps:\n    - { voltage: 262 }")).getMessage()
                .contains("simulation.mainsSteps[0].at"));
        assertTrue(failing(simWith("  mainsSteps: 3")).getMessage().contains("simulation.mainsSteps: expected a list"));
    }

    @Test
    void the_bl0942_boards_load_with_their_chip_and_no_lcd() {
        BoardSpec generic = BoardSpec.load("hardware/bl0942-generic");
        assertEquals(new BoardSpec.MeterSpec(BoardSpec.Chip.BL0942, 4800), generic.meter());
        assertFalse(generic.hasLcd());
        assertFalse(generic.simulated());
        assertEquals(generic.dir().resolve("frontends/shunt.yaml"), generic.frontEndFile());
        BoardSpec sim = BoardSpec.load("sim-bl0942");
        assertEquals(BoardSpec.Chip.BL0942, sim.meter().chip());
        assertFalse(sim.hasLcd());
        assertEquals(400_000_000L, sim.simulation().orElseThrow().chipUpdatePeriodNanos());
        assertEquals(generic.frontEndFile(), sim.frontEndFile(), "the simulated board shares the reference front-end");
    }
}
