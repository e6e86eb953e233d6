package io.openkws.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openkws.driver.ht7017.Ht7017Driver;
import io.openkws.driver.ht7017.Ht7017Register;
import io.openkws.io.sim.ht7017.FrontEnd;
import io.openkws.io.sim.ht7017.Ht7017Sim;
import io.openkws.io.sim.ht7017.SimHt7017Link;
import io.openkws.meter.CalibrationProfile;
import io.openkws.meter.Meter;
import io.openkws.meter.ht7017.Ht7017Chip;
import io.openkws.meter.Reading;
import io.openkws.meter.calibration.ProfileFile;
import io.openkws.time.VirtualClock;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code openkws calibrate} in-process against the simulated chip in virtual time, with scripted input. */
class CalibrateCommandTest {

    private static final Path FRONTENDS = Path.of("hardware/kws302wf/frontends");
    private final VirtualClock clock = new VirtualClock();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private Ht7017Sim sim;

    @TempDir
    Path tmp;

    private Ht7017Sim sim(String frontEnd, double eU, double eI, double eP, double phaseDegrees) {
        FrontEnd fe = FrontEnd.load(FRONTENDS.resolve(frontEnd + ".yaml")).withErrors(eU, eI, eP, Math.toRadians(phaseDegrees));
        sim = new Ht7017Sim(clock, fe);
        sim.setVoltageV(230);
        sim.setFrequencyHz(50);
        return sim;
    }

    private int run(InputStream in, String... args) {
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        CalibrateCommand cmd = (CalibrateCommand) cli.getSubcommands().get("calibrate").getCommand();
        cmd.connector = (port, c) -> new SimHt7017Link(sim, clock);
        cmd.clock = clock;
        cmd.in = in;
        return cli.execute(args);
    }

    private void set(double v, double i, double pf) {
        sim.setVoltageV(v);
        sim.setCurrentA(i);
        sim.setPowerFactor(pf);
    }

    private Reading readWith(CalibrationProfile profile) {
        Meter meter = new Meter(new Ht7017Chip(new Ht7017Driver(new SimHt7017Link(sim, clock), clock), profile, clock), clock);
        meter.start();
        return meter.pollFull();
    }

    private static void assertWithin(double expected, double actual, double relative, String what) {
        assertEquals(expected, actual, Math.abs(expected) * relative, () -> what + ": expected " + expected + " got " + actual);
    }

    private ScriptedInput fullWizard(String frontEndAnswer) {
        ScriptedInput in = new ScriptedInput();
        if (frontEndAnswer != null) {
            in.line(frontEndAnswer);
        }
        return in.line(() -> set(230, 0, 1), "")
                .line(() -> set(230, 10, 1), "230").line("10").line("2300").line("n")
                .line(() -> set(230, 10, 0.5), "y").line("230").line("10").line("1150")
                .line(() -> set(230, 10, 1), "60").line("").line("");
    }

    private void assertReadsTrue(CalibrationProfile p) {
        set(230, 10, 1);
        Reading r = readWith(p);
        assertWithin(230, r.voltageV(), 0.002, "V");
        assertWithin(10, r.currentA(), 0.002, "I");
        assertWithin(2300, r.powerW(), 0.002, "P at PF 1");
        set(230, 10, 0.5);
        assertWithin(1150, readWith(p).powerW(), 0.005, "P at PF 0.5");
    }

    @Test
    void the_wizard_calibrates_a_shunt_with_gain_and_phase_errors() {
        sim("shunt", 0.03, -0.04, 0.025, 2.0);
        Path file = tmp.resolve("shunt.yaml");
        assertEquals(0, run(fullWizard(null), "calibrate", "--port", "sim", "--frontend", "shunt", "--out", file.toString()), err::toString);
        String text = out.toString();
        assertTrue(text.contains("Step 1/5") && text.contains("Step 5/5") && text.contains("[####################]"), text);
        assertTrue(text.contains("pulses in"), text);
        CalibrationProfile p = CalibrationProfile.load(file);
        assertEquals(0x000C, p.registers().get(Ht7017Register.ADCCON));
        assertTrue(p.registers().get(Ht7017Register.I1_RMS_OFFSET) > 0, "no-load offset written");
        assertTrue(p.registers().get(Ht7017Register.GPHS1) != 0, "phase written");
        assertReadsTrue(p);
    }

    @Test
    void the_wizard_asks_for_the_front_end_and_calibrates_a_ct() {
        sim("ct", -0.05, 0.06, -0.07, 5.0);
        Path file = tmp.resolve("ct.yaml");
        ScriptedInput in = new ScriptedInput().line("transformer").line("ct");
        in.line(() -> set(230, 0, 1), "")
                .line(() -> set(230, 10, 1), "230").line("10").line("2300").line("n")
                .line(() -> set(230, 10, 0.5), "").line("230").line("10").line("1150")
                .line("0");
        assertEquals(0, run(in, "calibrate", "--port", "sim", "--out", file.toString()), err::toString);
        assertTrue(out.toString().contains("! type shunt"), out::toString);
        CalibrationProfile p = CalibrationProfile.load(file);
        assertEquals(0x0004, p.registers().get(Ht7017Register.ADCCON));
        assertReadsTrue(p);
    }

    @Test
    void every_typed_number_is_checked_and_asked_again() {
        sim("shunt", 0.01, 0.01, 0.01, 0);
        Path file = tmp.resolve("p.yaml");
        ScriptedInput in = new ScriptedInput()
                .line(() -> set(230, 0, 1), "")
                .line(() -> set(230, 10, 1), "abc").line("0").line("-230").line("99999").line("").line("230")
                .line("10").line("1000")
                .line("230").line("10").line("2300")
                .line("n").line("n").line("0");
        assertEquals(0, run(in, "calibrate", "--port", "sim", "--frontend", "shunt", "--out", file.toString()), err::toString);
        String text = out.toString();
        assertTrue(text.contains("'abc' is not a number"), text);
        assertTrue(text.contains("reference voltage must not be 0 V"), text);
        assertTrue(text.contains("reference voltage must be positive, not -230 V"), text);
        assertTrue(text.contains("reference voltage 99999 V is not credible"), text);
        assertTrue(text.contains("type the voltage your reference instrument shows"), text);
        assertTrue(text.contains("does not match V x I x PF"), text);
        assertTrue(Files.exists(file));
    }

    private Map<Integer, Integer> configRegisters() {
        Map<Integer, Integer> m = new java.util.TreeMap<>();
        for (Ht7017Register r : Ht7017Register.values()) {
            if (r.access() == Ht7017Register.Access.KEY_A6 || r.access() == Ht7017Register.Access.KEY_BC) {
                m.put(r.address(), sim.peek(r.address()));
            }
        }
        return m;
    }

    @Test
    void end_of_input_mid_way_restores_the_chip_and_writes_nothing() {
        sim("shunt", 0, 0, 0, 0);
        Map<Ht7017Register, Integer> before = new EnumMap<>(Ht7017Register.class);
        before.put(Ht7017Register.GP1, 0x0123);
        before.put(Ht7017Register.HFCONST, 0x0050);
        new Ht7017Driver(new SimHt7017Link(sim, clock), clock).init(before);
        Map<Integer, Integer> expected = configRegisters();
        Path file = tmp.resolve("never.yaml");
        ScriptedInput in = new ScriptedInput().line(() -> set(230, 0, 1), "").line(() -> set(230, 10, 1), "230");
        assertEquals(Main.EXIT_USAGE, run(in, "calibrate", "--port", "sim", "--frontend", "shunt", "--out", file.toString()));
        assertEquals("openkws: calibration cancelled (end of input): the chip was restored and no file was written"
                + System.lineSeparator(), err.toString());
        assertFalse(Files.exists(file));
        assertEquals(expected, configRegisters());
        assertEquals(0x0123, sim.peek(0x50));
    }

    @Test
    void q_cancels_too() {
        sim("shunt", 0, 0, 0, 0);
        Path file = tmp.resolve("never.yaml");
        assertEquals(Main.EXIT_USAGE, run(new ScriptedInput().line("q"), "calibrate", "--port", "sim", "--frontend", "ct", "--out", file.toString()));
        assertTrue(err.toString().startsWith("openkws: calibration cancelled"), err::toString);
        assertFalse(Files.exists(file));
    }

    @Test
    void one_reference_point_then_another_operating_point_reads_within_0_3_percent() {
        sim("shunt", 0.03, -0.04, 0.025, 2.0);
        set(230, 5, 1);
        Path file = tmp.resolve("one.yaml");
        assertEquals(0, run(InputStream.nullInputStream(), "calibrate", "--port", "sim", "--voltage", "230", "--current", "5",
                "--power", "1150", "--energy-seconds", "30", "--out", file.toString()), err::toString);
        assertTrue(out.toString().contains("energy: "), out::toString);
        CalibrationProfile p = CalibrationProfile.load(file);
        set(212, 8.5, 1);
        Reading r = readWith(p);
        assertWithin(212, r.voltageV(), 0.003, "V");
        assertWithin(8.5, r.currentA(), 0.003, "I");
        assertWithin(212 * 8.5, r.powerW(), 0.003, "P");
    }

    @Test
    void one_reference_point_below_pf_1_also_finds_the_phase() {
        sim("ct", 0.02, -0.03, 0.04, 4.0);
        set(230, 6, 0.6);
        Path file = tmp.resolve("pf.yaml");
        assertEquals(0, run(InputStream.nullInputStream(), "calibrate", "--port", "sim", "--frontend", "ct", "--voltage", "230",
                "--current", "6", "--power", "828", "--power-factor", "0.6", "--out", file.toString()), err::toString);
        CalibrationProfile p = CalibrationProfile.load(file);
        set(240, 9, 1);
        assertWithin(2160, readWith(p).powerW(), 0.003, "P at PF 1");
        set(240, 9, 0.5);
        assertWithin(1080, readWith(p).powerW(), 0.005, "P at PF 0.5");
    }

    private void assertRefused(String expected, String... args) {
        err.getBuffer().setLength(0);
        Path file = tmp.resolve("refused.yaml");
        String[] all = new String[args.length + 6];
        System.arraycopy(new String[] {"calibrate", "--port", "sim", "--out", file.toString()}, 0, all, 0, 5);
        System.arraycopy(args, 0, all, 5, args.length);
        all[all.length - 1] = "--frontend=shunt";
        assertEquals(Main.EXIT_USAGE, run(InputStream.nullInputStream(), all));
        String e = err.toString();
        assertEquals(1, e.lines().count(), e);
        assertTrue(e.startsWith("openkws: ") && e.contains(expected), e);
        assertFalse(Files.exists(file));
    }

    @Test
    void bad_references_are_refused_with_one_clear_line() {
        sim("shunt", 0, 0, 0, 0);
        set(230, 5, 1);
        assertRefused("reference voltage must not be 0 V", "--voltage", "0", "--current", "5", "--power", "1150");
        assertRefused("reference current must be positive, not -5 A", "--voltage", "230", "--current", "-5", "--power", "1150");
        assertRefused("reference power 2000.0 W does not match V x I x PF", "--voltage", "230", "--current", "5", "--power", "2000");
        assertRefused("reference voltage 2300 V is not credible", "--voltage", "2300", "--current", "5", "--power", "1150");
        assertRefused("--voltage, --current and --power together", "--voltage", "230", "--current", "5");
        assertRefused("power factor", "--voltage", "230", "--current", "5", "--power", "1150", "--power-factor", "1.5");
        assertRefused("Invalid value", "--voltage", "abc", "--current", "5", "--power", "1150");
        set(230, 0, 1);
        assertRefused("reference current 5.000 A given but the meter measures no load current", "--voltage", "230",
                "--current", "5", "--power", "1150");
        set(230, 5, 0.5);
        assertRefused("the meter measures PF 0.50 but the reference says PF 1.00", "--voltage", "230", "--current", "5",
                "--power", "1150");
    }

    @Test
    void verify_prints_the_error_table_and_fits_the_scales_over_several_points() throws Exception {
        sim("shunt", 0.02, 0.01, 0.01, 0);
        set(230, 5, 1);
        Path file = tmp.resolve("base.yaml");
        assertEquals(0, run(InputStream.nullInputStream(), "calibrate", "--port", "sim", "--voltage", "230", "--current", "5",
                "--power", "1150", "--out", file.toString()), err::toString);
        CalibrationProfile good = CalibrationProfile.load(file);
        CalibrationProfile skewed = new CalibrationProfile(good.name(), good.note(), good.voltageScale() * 1.01,
                good.currentScale() * 0.98, good.currentOffset(), good.powerScale(), good.frequencyConstant(),
                good.energyCountsPerKWh(), good.registers());
        Path skewedFile = tmp.resolve("skewed.yaml");
        ProfileFile.write(skewed, skewedFile);
        Path fitted = tmp.resolve("fitted.yaml");
        out.getBuffer().setLength(0);
        ScriptedInput in = new ScriptedInput().line(() -> set(200, 2, 1), "").line(() -> set(230, 8, 1), "")
                .line(() -> set(250, 12, 1), "");
        assertEquals(0, run(in, "calibrate", "verify", "--port", "sim", "--calibration", skewedFile.toString(),
                "--point", "200,2,400", "--point", "230,8,1840", "--point", "250,12,3000", "--fit", "--out", fitted.toString()), err::toString);
        String text = out.toString();
        assertTrue(text.contains("Point 3/3"), text);
        assertEquals(3, text.lines().filter(l -> l.matches("\\s+\\d\\s+\\d+\\.00\\s+\\d+\\.\\d+\\s+-0\\.99\\s.*")).count(), text);
        CalibrationProfile f = CalibrationProfile.load(fitted);
        assertWithin(good.voltageScale(), f.voltageScale(), 0.001, "fitted voltage scale");
        assertWithin(good.currentScale(), f.currentScale(), 0.002, "fitted current scale");
        set(215, 6, 1);
        Reading r = readWith(f);
        assertWithin(215, r.voltageV(), 0.002, "V");
        assertWithin(6, r.currentA(), 0.003, "I");
    }

    private void setOffsetModel(FrontEnd.OffsetModel model, double counts, double eU, double eI, double eP) {
        FrontEnd fe = FrontEnd.load(FRONTENDS.resolve("shunt.yaml")).withErrors(eU, eI, eP, 0).withCurrentOffset(counts, model);
        sim = new Ht7017Sim(clock, fe);
        sim.setVoltageV(230);
        sim.setFrequencyHz(50);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(FrontEnd.OffsetModel.class)
    void the_wizard_with_its_no_load_and_low_current_steps_reads_half_an_amp_to_ten_within_0_3_percent(FrontEnd.OffsetModel model) {
        setOffsetModel(model, 440, 0.02, -0.03, 0.02);
        Path file = tmp.resolve("wizard.yaml");
        ScriptedInput in = new ScriptedInput().line(() -> set(230, 0, 1), "")
                .line(() -> set(230, 10, 1), "230").line("10").line("2300")
                .line(() -> set(230, 1, 1), "y").line("230").line("1").line("230")
                .line("n").line("0");
        assertEquals(0, run(in, "calibrate", "--port", "sim", "--frontend", "shunt", "--out", file.toString()), err::toString);
        assertTrue(out.toString().contains("Step 3/5: a low current"), out::toString);
        CalibrationProfile p = CalibrationProfile.load(file);
        assertTrue(p.note().contains("measured at no load, 1.000 A and 10.000 A"), p.note());
        for (double amps : new double[] {0.5, 1, 2, 10}) {
            set(230, amps, 1);
            assertWithin(amps, readWith(p).currentA(), 0.003, model + " I");
        }
    }

    @Test
    void the_one_point_form_keeps_the_board_profiles_offset_and_says_in_one_line_that_it_was_measured_at_another_pga() {
        setOffsetModel(FrontEnd.OffsetModel.FIXED, 440, 0.02, -0.03, 0.02);
        set(230, 5, 1);
        Path file = tmp.resolve("one.yaml");
        assertEquals(0, run(InputStream.nullInputStream(), "calibrate", "--port", "sim", "--voltage", "230", "--current", "5",
                "--power", "1150", "--out", file.toString()), err::toString);
        java.util.List<String> warnings = out.toString().lines().filter(l -> l.startsWith("warning:")).toList();
        assertEquals(1, warnings.size(), out::toString);
        assertTrue(warnings.get(0).startsWith("warning: no zero measured: current offset 440 counts (+0 in quadrature) kept from kws302wf-default, measured at I1 PGA x1, not at x16"),
                warnings.get(0));
        CalibrationProfile p = CalibrationProfile.load(file);
        assertEquals(440, p.currentOffset());
        assertTrue(p.note().contains("Warning: no zero measured"), p.note());
        for (double amps : new double[] {2, 10}) {
            set(230, amps, 1);
            assertWithin(amps, readWith(p).currentA(), 0.003, "I");
        }
    }

    @Test
    void verify_fit_recovers_a_current_gain_and_offset_injected_into_the_simulator() throws Exception {
        double eI = 0.025;
        double offsetCounts = 300;
        setOffsetModel(FrontEnd.OffsetModel.FIXED, offsetCounts, -0.01, eI, 0.015);
        double nominalCurrent = 7806.73 * 0.3 * 16;
        double nominalPower = -10.59233 * 0.3 * 16;
        Map<Ht7017Register, Integer> regs = new java.util.LinkedHashMap<>();
        regs.put(Ht7017Register.ADCCON, 0x000C);
        CalibrationProfile nominal = new CalibrationProfile("nominal", "no offsets", 10961.98, nominalCurrent, 0,
                nominalPower, 500000, 1000, regs);
        Path base = tmp.resolve("nominal.yaml");
        ProfileFile.write(nominal, base);
        Path fitted = tmp.resolve("fitted.yaml");
        ScriptedInput in = new ScriptedInput().line(() -> set(200, 0.5, 1), "").line(() -> set(220, 2, 1), "")
                .line(() -> set(235, 5, 1), "").line(() -> set(250, 10, 1), "");
        assertEquals(0, run(in, "calibrate", "verify", "--port", "sim", "--calibration", base.toString(),
                "--point", "200,0.5,100", "--point", "220,2,440", "--point", "235,5,1175", "--point", "250,10,2500",
                "--fit", "--out", fitted.toString()), err::toString);
        assertTrue(out.toString().contains("Fitted current: gain"), out::toString);
        CalibrationProfile f = CalibrationProfile.load(fitted);
        assertWithin(nominalCurrent * (1 + eI), f.currentScale(), 0.0005, "fitted current gain");
        assertEquals(offsetCounts, f.currentOffset(), 5, "fitted current offset");
        assertWithin(10961.98 * 0.99, f.voltageScale(), 0.0005, "fitted voltage gain");
        assertEquals(0, f.voltageOffset(), 0.01 * 10961.98, "fitted voltage offset (none injected), within 0.01 V");
        assertWithin(nominalPower * 1.015, f.powerScale(), 0.0005, "fitted power gain");
        set(230, 0.7, 1);
        Reading r = readWith(f);
        assertWithin(0.7, r.currentA(), 0.002, "I at 0.7 A with the fitted profile");
        assertWithin(230, r.voltageV(), 0.001, "V");
    }

    @Test
    void verify_refuses_a_malformed_point() {
        sim("shunt", 0, 0, 0, 0);
        assertEquals(Main.EXIT_USAGE, run(InputStream.nullInputStream(), "calibrate", "verify", "--port", "sim",
                "--calibration", "hardware/kws302wf/calibration.yaml", "--point", "230,5"));
        assertEquals("openkws: --point '230,5': expected V,I,P or V,I,P,PF (e.g. 230,5,1150)" + System.lineSeparator(), err.toString());
    }

    @Test
    void the_sim_board_finds_the_kws302wf_front_end_files() {
        io.openkws.board.BoardSpec b = io.openkws.board.BoardSpec.load("sim");
        assertTrue(Files.exists(b.frontEndFile()), b.frontEndFile()::toString);
        assertTrue(Files.exists(b.frontEndFile("ct")));
        assertEquals(b.frontEndFile().toAbsolutePath().normalize(),
                io.openkws.board.BoardSpec.load("kws302wf").frontEndFile().toAbsolutePath().normalize());
    }
}
