package io.openkws.meter.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openkws.driver.bl0937.Bl0937Driver;
import io.openkws.driver.bl0937.Bl0937Schedule;
import io.openkws.driver.bl0942.Bl0942Driver;
import io.openkws.io.sim.bl0937.Bl0937Sim;
import io.openkws.io.sim.bl0942.Bl0942FrontEnd;
import io.openkws.io.sim.bl0942.Bl0942Sim;
import io.openkws.io.sim.bl0942.SimBl0942Link;
import io.openkws.io.sim.board.SimMains;
import io.openkws.io.sim.ht7017.FrontEnd.OffsetModel;
import io.openkws.meter.ChannelScales;
import io.openkws.meter.Meter;
import io.openkws.meter.MeterChip;
import io.openkws.meter.Reading;
import io.openkws.meter.bl0937.Bl0937Chip;
import io.openkws.meter.bl0937.Bl0937Profile;
import io.openkws.meter.bl0942.Bl0942Chip;
import io.openkws.meter.bl0942.Bl0942Profile;
import io.openkws.time.VirtualClock;
import io.openkws.yaml.ConfNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Calibration of the BL0942 and the BL0937 (software gain and offset on the datasheet scales) against their
 * simulators with injected gain errors and a current offset that either adds to the signal at every gain setting
 * or adds in quadrature (with noise on the BL0942): the wizard's steps, the one-point form keeping a known offset,
 * and {@code verify --fit}. Readings are taken through the shared {@link Meter}, as {@code run} takes them.
 */
class SoftwareCalibrationTest {

    private static final double[] CURRENTS_A = {0.5, 1, 2, 10};
    /** BL0942: a current offset of 2.4 % of the signal at 0.5 A (like the HT7017 simulator's 440 counts at PGA x16). */
    private static final double BL0942_OFFSET_COUNTS = 3000;
    /** BL0937: above the driver's no-load floor of about 5 Hz (2 CF1 edges in the longest current window). */
    private static final double BL0937_OFFSET_HZ = 8;

    enum Chip { BL0942, BL0937 }

    private final VirtualClock clock = new VirtualClock();

    /** One simulated chip with its driver-level target and a way to read it through the meter with a profile. */
    private final class Bench {
        final Chip chip;
        final SimMains sim;
        final Bl0942Sim bl0942;
        final Bl0937Sim bl0937;

        Bench(Chip chip, OffsetModel model, double eV, double eI, double eP) {
            this(chip, model, eV, eI, eP, 0);
        }

        Bench(Chip chip, OffsetModel model, double eV, double eI, double eP, double jitterNanos) {
            this(chip, model, eV, eI, eP, jitterNanos, BL0937_OFFSET_HZ);
        }

        Bench(Chip chip, OffsetModel model, double eV, double eI, double eP, double jitterNanos, double bl0937OffsetHz) {
            this.chip = chip;
            if (chip == Chip.BL0942) {
                Bl0942FrontEnd fe = Bl0942FrontEnd.load(Path.of("hardware/bl0942-generic/frontends/shunt.yaml"))
                        .withErrors(eV, eI, eP).withOffsets(BL0942_OFFSET_COUNTS, model, 0);
                if (model == OffsetModel.QUADRATURE) {
                    fe = fe.withNoise(0.0005);
                }
                bl0942 = new Bl0942Sim(clock, fe);
                bl0937 = null;
                sim = bl0942;
            } else {
                bl0937 = new Bl0937Sim(clock, Bl0937Sim.FrontEnd.load(Path.of("hardware/bl0937-generic/frontends/shunt.yaml")), true);
                bl0937.setErrors(new Bl0937Sim.Errors(eV, eI, eP, bl0937OffsetHz, model, 0, jitterNanos));
                bl0942 = null;
                sim = bl0937;
            }
            sim.setFrequencyHz(50);
            sim.setPowerFactor(1);
            set(230, 0);
        }

        void set(double v, double i) {
            sim.setVoltageV(v);
            sim.setCurrentA(i);
        }

        CalibrationTarget target(String profileYaml) {
            if (chip == Chip.BL0942) {
                return new Bl0942Target(new Bl0942Driver(new SimBl0942Link(bl0942, clock), clock), bl0942Profile(profileYaml));
            }
            return new Bl0937Target(driver(), bl0937Profile(profileYaml));
        }

        CalibrationTarget datasheetTarget() {
            return target(null);
        }

        private Bl0937Driver driver() {
            return new Bl0937Driver(bl0937.cf(), bl0937.cf1(), bl0937.sel(), true, Bl0937Schedule.DEFAULT, clock);
        }

        MeterChip meterChip(String profileYaml) {
            if (chip == Chip.BL0942) {
                return new Bl0942Chip(new Bl0942Driver(new SimBl0942Link(bl0942, clock), clock), bl0942Profile(profileYaml), clock);
            }
            return new Bl0937Chip(driver(), bl0937Profile(profileYaml));
        }

        /** Relative current errors at 0.5, 1, 2 and 10 A, each after a second of polling at the new current. */
        double[] currentErrors(String profileYaml) {
            Meter meter = new Meter(meterChip(profileYaml), clock);
            meter.start();
            double[] errors = new double[CURRENTS_A.length];
            for (int k = 0; k < CURRENTS_A.length; k++) {
                set(230, CURRENTS_A[k]);
                long until = clock.nanoTime() + 1_500_000_000L;
                Reading r = meter.poll();
                while (clock.nanoTime() - until < 0) {
                    clock.sleepNanos(50_000_000L);
                    r = meter.poll();
                }
                errors[k] = r.currentA() / CURRENTS_A[k] - 1;
            }
            return errors;
        }
    }

    private static Bl0942Profile bl0942Profile(String yaml) {
        return yaml == null ? Bl0942Profile.load(Path.of("hardware/sim-bl0942/calibration.yaml"))
                : Bl0942Profile.from(ConfNode.parse("calibrated", yaml));
    }

    private static Bl0937Profile bl0937Profile(String yaml) {
        return yaml == null ? Bl0937Profile.load(Path.of("hardware/bl0937-generic/calibration.yaml"))
                : Bl0937Profile.from(ConfNode.parse("calibrated", yaml));
    }

    private SoftwareCalibrationSession session(CalibrationTarget target) {
        return new SoftwareCalibrationSession(target, clock, CalibrationSession.Options.defaults());
    }

    private String wizard(Bench b) {
        SoftwareCalibrationSession s = session(b.datasheetTarget());
        s.begin();
        b.set(230, 0);
        s.measureOffset(Progress.NONE);
        b.set(230, 10);
        s.calibrateGain(Reference.of(230, 10, 2300, 1), Progress.NONE);
        b.set(230, 1);
        s.calibrateLowCurrent(Reference.of(230, 1, 230, 1), Progress.NONE);
        return s.profileYaml("wizard", s.currentModel().source());
    }

    private static String describe(double[] errors) {
        List<String> parts = new ArrayList<>();
        for (int k = 0; k < errors.length; k++) {
            parts.add(String.format(Locale.ROOT, "%.1f A %+.3f%%", CURRENTS_A[k], errors[k] * 100));
        }
        return String.join(", ", parts);
    }

    static List<Arguments> chipsAndModels() {
        List<Arguments> a = new ArrayList<>();
        for (Chip c : Chip.values()) {
            for (OffsetModel m : OffsetModel.values()) {
                a.add(Arguments.of(c, m));
            }
        }
        return a;
    }

    @ParameterizedTest(name = "{0}, offset {1}")
    @MethodSource("chipsAndModels")
    void the_wizard_with_its_no_load_step_reads_half_an_amp_to_ten_within_0_3_percent(Chip chip, OffsetModel model) {
        Bench b = new Bench(chip, model, 0.02, -0.03, 0.02);
        double[] datasheet = b.currentErrors(null);
        String profile = wizard(b);
        double[] errors = b.currentErrors(profile);
        System.out.println(chip + " offset " + model + ": datasheet scales " + describe(datasheet) + "; after the wizard "
                + describe(errors));
        double worst = 0;
        for (double e : datasheet) {
            worst = Math.max(worst, Math.abs(e));
        }
        assertTrue(worst > 0.02, () -> "the injected errors show before calibration: " + describe(datasheet));
        for (double e : errors) {
            assertTrue(Math.abs(e) < 0.003, () -> chip + " " + model + ": " + describe(errors) + "\n" + profile);
        }
        assertTrue(profile.contains("trim:"), profile);
    }

    @ParameterizedTest
    @EnumSource(Chip.class)
    void the_one_point_form_keeps_a_known_offset_and_reads_2_and_10_amps_within_0_3_percent(Chip chip) {
        Bench first = new Bench(chip, OffsetModel.FIXED, 0.02, -0.03, 0.02);
        String known = wizard(first);
        Bench b = new Bench(chip, OffsetModel.FIXED, -0.01, 0.04, -0.02);
        CalibrationTarget target = b.target(known);
        SoftwareCalibrationSession s = session(target);
        s.begin();
        SoftwareCalibrationSession.KeptOffsets kept = s.keepOffsets(target.profileScales(), target.profileName());
        assertEquals("", kept.warning());
        double injected = chip == Chip.BL0942 ? BL0942_OFFSET_COUNTS : BL0937_OFFSET_HZ;
        assertEquals(injected, kept.linear(), injected * 0.02, "the offset the wizard measured is the one kept");
        b.set(230, 5);
        s.calibrateGain(Reference.of(230, 5, 1150, 1), Progress.NONE);
        ChannelScales scales = s.scales();
        assertEquals(kept.linear(), scales.currentOffset());
        double[] errors = b.currentErrors(s.profileYaml("one", ""));
        System.out.println(chip + " one-point at 5 A keeping " + kept.linear() + " " + target.rawUnit() + ": " + describe(errors));
        assertTrue(Math.abs(errors[2]) < 0.003 && Math.abs(errors[3]) < 0.003, () -> describe(errors));
    }

    @ParameterizedTest
    @EnumSource(Chip.class)
    void the_one_point_form_on_datasheet_figures_says_in_one_line_that_low_currents_are_not_covered(Chip chip) {
        Bench b = new Bench(chip, OffsetModel.FIXED, 0, 0, 0);
        CalibrationTarget target = b.datasheetTarget();
        SoftwareCalibrationSession s = session(target);
        s.begin();
        String warning = s.keepOffsets(target.profileScales(), target.profileName()).warning();
        assertEquals("no zero measured and no current offset known from " + target.profileName()
                + ": low currents are not covered (run the wizard for its no-load step)", warning);
        b.set(230, 5);
        s.calibrateGain(Reference.of(230, 5, 1150, 1), Progress.NONE);
        assertEquals(0, s.scales().currentOffset());
        assertTrue(s.currentModel().source().equals("none known and none measured"), s.currentModel().source());
    }

    @ParameterizedTest
    @EnumSource(Chip.class)
    void verify_fit_recovers_an_injected_current_gain_and_offset(Chip chip) throws Exception {
        double eI = 0.025;
        Bench b = new Bench(chip, OffsetModel.FIXED, -0.01, eI, 0.015);
        CalibrationTarget target = b.datasheetTarget();
        Verification v = new Verification(target, clock, Sampler.Options.defaults(), 1_000_000_000L);
        v.begin();
        double[][] points = {{200, 0.5}, {220, 2}, {235, 5}, {250, 10}};
        List<Verification.Point> measured = new ArrayList<>();
        for (double[] p : points) {
            b.set(p[0], p[1]);
            measured.add(v.measure(Reference.of(p[0], p[1], p[0] * p[1], 1), Progress.NONE));
        }
        ChannelScales nominal = target.nominal();
        ChannelScales fitted = Verification.fit(target.profileScales(), measured);
        double injected = chip == Chip.BL0942 ? BL0942_OFFSET_COUNTS : BL0937_OFFSET_HZ;
        System.out.println(chip + " verify --fit: current gain x" + fitted.currentScale() / nominal.currentScale()
                + ", offset " + fitted.currentOffset() + " " + target.rawUnit() + ", voltage gain x"
                + fitted.voltageScale() / nominal.voltageScale() + ", power gain x" + fitted.powerScale() / nominal.powerScale());
        assertEquals(1 + eI, fitted.currentScale() / nominal.currentScale(), 0.0005, "fitted current gain");
        assertEquals(injected, fitted.currentOffset(), injected * 0.01, "fitted current offset");
        assertEquals(0.99, fitted.voltageScale() / nominal.voltageScale(), 0.0005, "fitted voltage gain");
        double powerGain = chip == Chip.BL0942 ? 0.99 * (1 + eI) * 1.015 : 1.015; // the BL0942 model's WATT follows its V and I errors
        assertEquals(powerGain, fitted.powerScale() / nominal.powerScale(), 0.0005, "fitted power gain");
        String yaml = target.profileYaml(fitted, "fitted", "");
        b.set(230, 0.7);
        double[] errors = b.currentErrors(yaml);
        assertTrue(Math.abs(errors[0]) < 0.003, () -> describe(errors));
    }

    @ParameterizedTest(name = "offset {0}")
    @EnumSource(OffsetModel.class)
    void with_50_microseconds_of_edge_jitter_the_bl0937_wizard_still_reads_half_an_amp_to_ten_within_0_3_percent(OffsetModel model) {
        Bench b = new Bench(Chip.BL0937, model, 0.02, -0.03, 0.02, 50_000);
        String profile = wizard(b);
        double[] errors = b.currentErrors(profile);
        System.out.println("BL0937 offset " + model + ", edge jitter 50 us: after the wizard " + describe(errors));
        for (double e : errors) {
            assertTrue(Math.abs(e) < 0.003, () -> model + ": " + describe(errors) + "\n" + profile);
        }
    }

    @ParameterizedTest(name = "offset {0}")
    @EnumSource(OffsetModel.class)
    void a_bl0937_offset_below_the_drivers_no_load_floor_is_still_solved_by_the_low_current_step(OffsetModel model) {
        Bench b = new Bench(Chip.BL0937, model, 0.02, -0.03, 0.02, 0, 1);
        SoftwareCalibrationSession s = session(b.datasheetTarget());
        s.begin();
        b.set(230, 0);
        SoftwareCalibrationSession.OffsetResult zero = s.measureOffset(Progress.NONE);
        assertTrue(zero.meanCurrent() < 1, () -> "1 Hz is below the driver's floor: " + zero.meanCurrent() + " Hz");
        b.set(230, 10);
        s.calibrateGain(Reference.of(230, 10, 2300, 1), Progress.NONE);
        b.set(230, 1);
        s.calibrateLowCurrent(Reference.of(230, 1, 230, 1), Progress.NONE);
        double[] errors = b.currentErrors(s.profileYaml("low", ""));
        System.out.println("BL0937 1 Hz offset " + model + " (no-load reads " + zero.meanCurrent() + " Hz): " + describe(errors));
        for (double e : errors) {
            assertTrue(Math.abs(e) < 0.003, () -> describe(errors));
        }
    }
}
