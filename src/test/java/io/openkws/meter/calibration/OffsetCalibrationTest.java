package io.openkws.meter.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openkws.driver.ht7017.Ht7017Driver;
import io.openkws.driver.ht7017.Ht7017Register;
import io.openkws.io.sim.ht7017.FrontEnd;
import io.openkws.io.sim.ht7017.FrontEnd.OffsetModel;
import io.openkws.io.sim.ht7017.Ht7017Sim;
import io.openkws.io.sim.ht7017.SimHt7017Link;
import io.openkws.meter.CalibrationProfile;
import io.openkws.meter.Meter;
import io.openkws.meter.ht7017.Ht7017Chip;
import io.openkws.time.VirtualClock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * The current offset through calibration, against the two offset models of the simulated front-end: 440 counts
 * added to the RMS at every PGA, and 440 counts of noise adding in quadrature.
 */
class OffsetCalibrationTest {

    private static final Path FRONTENDS = Path.of("hardware/kws302wf/frontends");
    private static final double[] CURRENTS_A = {0.5, 1, 2, 10};
    private final VirtualClock clock = new VirtualClock();

    private Ht7017Sim sim(OffsetModel model) {
        FrontEnd fe = FrontEnd.load(FRONTENDS.resolve("shunt.yaml"))
                .withErrors(0.02, -0.03, 0.02, Math.toRadians(1.0))
                .withCurrentOffset(440, model);
        if (model == OffsetModel.QUADRATURE) {
            fe = fe.withNoise(0.0005);
        }
        Ht7017Sim sim = new Ht7017Sim(clock, fe);
        sim.setFrequencyHz(50);
        sim.setPowerFactor(1);
        return sim;
    }

    private CalibrationSession session(Ht7017Sim sim) {
        return new CalibrationSession(new Ht7017Driver(new SimHt7017Link(sim, clock), clock), clock,
                FrontEndSetup.load(FRONTENDS.resolve("shunt.yaml")), CalibrationSession.Options.defaults());
    }

    private static void set(Ht7017Sim sim, double v, double i) {
        sim.setVoltageV(v);
        sim.setCurrentA(i);
    }

    private double[] currentErrors(CalibrationProfile p, Ht7017Sim sim) {
        Meter meter = new Meter(new Ht7017Chip(new Ht7017Driver(new SimHt7017Link(sim, clock), clock), p, clock), clock);
        meter.start();
        double[] errors = new double[CURRENTS_A.length];
        for (int k = 0; k < CURRENTS_A.length; k++) {
            set(sim, 230, CURRENTS_A[k]);
            clock.sleepNanos(500_000_000L);
            errors[k] = meter.pollFull().currentA() / CURRENTS_A[k] - 1;
        }
        return errors;
    }

    private static String describe(double[] errors) {
        List<String> parts = new ArrayList<>();
        for (int k = 0; k < errors.length; k++) {
            parts.add(String.format(Locale.ROOT, "%.1f A %+.3f%%", CURRENTS_A[k], errors[k] * 100));
        }
        return String.join(", ", parts);
    }

    private CalibrationProfile wizardSteps(Ht7017Sim sim, boolean lowCurrentStep) {
        CalibrationSession s = session(sim);
        s.begin();
        set(sim, 230, 0);
        s.measureOffset(Progress.NONE);
        set(sim, 230, 10);
        s.calibrateGain(Reference.of(230, 10, 2300, 1), Progress.NONE);
        if (lowCurrentStep) {
            set(sim, 230, 1);
            s.calibrateLowCurrent(Reference.of(230, 1, 230, 1), Progress.NONE);
        }
        return s.profile("test", s.currentModel().source());
    }

    @ParameterizedTest
    @EnumSource(OffsetModel.class)
    void with_the_no_load_and_low_current_steps_every_current_reads_within_0_3_percent(OffsetModel model) {
        Ht7017Sim sim = sim(model);
        CalibrationProfile p = wizardSteps(sim, true);
        double[] errors = currentErrors(p, sim);
        System.out.println("offset model " + model + ", wizard with low-current step: " + describe(errors) + "; " + p.note());
        for (double e : errors) {
            assertTrue(Math.abs(e) < 0.003, () -> model + ": " + describe(errors));
        }
    }

    @Test
    void the_low_current_step_tells_the_two_offset_models_apart() {
        CalibrationProfile fixed = wizardSteps(sim(OffsetModel.FIXED), true);
        assertEquals(440, fixed.currentOffset(), 10, fixed::note);
        CalibrationProfile quadrature = wizardSteps(sim(OffsetModel.QUADRATURE), true);
        assertEquals(0, quadrature.currentOffset(), 30, quadrature::note);
    }

    @Test
    void without_the_low_current_step_a_fixed_offset_is_taken_as_noise_and_the_note_says_so() {
        Ht7017Sim sim = sim(OffsetModel.FIXED);
        CalibrationProfile p = wizardSteps(sim, false);
        assertTrue(p.note().contains("taken as noise adding in quadrature (no low-current point to tell)"), p.note());
        double[] errors = currentErrors(p, sim);
        System.out.println("offset model FIXED, wizard without low-current step: " + describe(errors));
        assertTrue(errors[0] > 0.01, () -> "the documented limit of this shortcut: " + describe(errors));
        assertTrue(Math.abs(errors[3]) < 0.003, () -> describe(errors));
    }

    @Test
    void the_one_point_form_keeps_a_known_offset_and_reads_2_and_10_amps_within_0_3_percent() {
        Ht7017Sim sim = sim(OffsetModel.FIXED);
        CalibrationSession s = session(sim);
        s.begin();
        CalibrationSession.KeptOffsets kept = s.keepOffsets(CalibrationProfile.load(Path.of("hardware/kws302wf/calibration.yaml")));
        assertTrue(kept.pgaChanged());
        assertEquals(440, kept.linearCounts());
        assertTrue(kept.warning().startsWith("no zero measured: current offset 440 counts (+0 in quadrature) kept from kws302wf-default, measured at I1 PGA x1, not at x16"),
                kept.warning());
        set(sim, 230, 5);
        s.calibrateGain(Reference.of(230, 5, 1150, 1), Progress.NONE);
        CalibrationProfile p = s.profile("one", "");
        assertEquals(440, p.currentOffset());
        double[] errors = currentErrors(p, sim);
        System.out.println("offset model FIXED, one-point at 5 A keeping 440 counts: " + describe(errors));
        assertTrue(Math.abs(errors[2]) < 0.003 && Math.abs(errors[3]) < 0.003, () -> describe(errors));
    }

    @Test
    void offsets_kept_from_a_profile_at_the_same_pga_give_no_warning() {
        Ht7017Sim sim = sim(OffsetModel.FIXED);
        CalibrationSession s = session(sim);
        s.begin();
        CalibrationProfile known = new CalibrationProfile("bench", "", 10961.98, 0, 37000, 440, 0, -50, 0, 500000, 1000,
                Map.of(Ht7017Register.ADCCON, 0x000C));
        CalibrationSession.KeptOffsets kept = s.keepOffsets(known);
        assertFalse(kept.pgaChanged());
        assertEquals("", kept.warning());
    }

    @Test
    void with_no_offset_known_and_none_measured_it_says_low_currents_are_not_covered() {
        Ht7017Sim sim = sim(OffsetModel.FIXED);
        CalibrationSession s = session(sim);
        s.begin();
        CalibrationProfile known = new CalibrationProfile("blank", "", 10961.98, 37000, 0, -50, 500000, 1000,
                Map.of(Ht7017Register.ADCCON, 0x000C));
        assertEquals("no zero measured and no current offset known from blank: low currents are not covered (run the wizard for its no-load step)",
                s.keepOffsets(known).warning());
    }

    @Test
    void the_affine_fit_recovers_a_line_and_keeps_the_offset_without_leverage() {
        Verification.Line l = Verification.affine(new double[] {1, 2, 4}, new double[] {310, 510, 910}, 0);
        assertEquals(200, l.gain(), 1e-9);
        assertEquals(110, l.offset(), 1e-9);
        assertTrue(l.offsetFitted());
        Verification.Line same = Verification.affine(new double[] {230, 230}, new double[] {2330, 2330}, 30);
        assertEquals(10, same.gain(), 1e-9);
        assertEquals(30, same.offset());
        assertFalse(same.offsetFitted());
    }
}
