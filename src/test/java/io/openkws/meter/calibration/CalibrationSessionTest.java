package io.openkws.meter.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import io.openkws.time.VirtualClock;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The calibration procedure against the simulated chip with known front-end errors, in virtual time. */
class CalibrationSessionTest {

    private static final Path FRONTENDS = Path.of("hardware/kws302wf/frontends");
    private final VirtualClock clock = new VirtualClock();

    private Ht7017Sim sim(String frontEnd, double eU, double eI, double eP, double phaseDegrees) {
        FrontEnd fe = FrontEnd.load(FRONTENDS.resolve(frontEnd + ".yaml")).withErrors(eU, eI, eP, Math.toRadians(phaseDegrees));
        return new Ht7017Sim(clock, fe);
    }

    private CalibrationSession session(Ht7017Sim sim, String frontEnd) {
        Ht7017Driver driver = new Ht7017Driver(new SimHt7017Link(sim, clock), clock);
        return new CalibrationSession(driver, clock, FrontEndSetup.load(FRONTENDS.resolve(frontEnd + ".yaml")),
                CalibrationSession.Options.defaults());
    }

    private static void set(Ht7017Sim sim, double v, double i, double pf) {
        sim.setVoltageV(v);
        sim.setCurrentA(i);
        sim.setPowerFactor(pf);
    }

    private Reading readWith(CalibrationProfile profile, Ht7017Sim sim) {
        Meter meter = new Meter(new Ht7017Chip(new Ht7017Driver(new SimHt7017Link(sim, clock), clock), profile, clock), clock);
        meter.start();
        return meter.pollFull();
    }

    private static void assertWithin(double expected, double actual, double relative, String what) {
        assertEquals(expected, actual, Math.abs(expected) * relative, () -> what + ": expected " + expected + " got " + actual);
    }

    private CalibrationProfile fullCalibration(Ht7017Sim sim, String frontEnd) {
        CalibrationSession s = session(sim, frontEnd);
        s.begin();
        set(sim, 230, 0, 1);
        s.measureOffset(Progress.NONE);
        set(sim, 230, 10, 1);
        s.calibrateGain(Reference.of(230, 10, 2300, 1), Progress.NONE);
        set(sim, 230, 10, 0.5);
        CalibrationSession.PhaseResult phase = s.calibratePhase(Reference.of(230, 10, 1150, 0.5), Progress.NONE);
        assertTrue(phase.after().worst() < 0.005, phase::toString);
        return s.profile("test", "");
    }

    private void assertCalibrated(CalibrationProfile p, Ht7017Sim sim) {
        set(sim, 230, 10, 1);
        Reading r = readWith(p, sim);
        assertWithin(230, r.voltageV(), 0.002, "V");
        assertWithin(10, r.currentA(), 0.002, "I");
        assertWithin(2300, r.powerW(), 0.002, "P at PF 1");
        set(sim, 230, 10, 0.5);
        r = readWith(p, sim);
        assertWithin(1150, r.powerW(), 0.005, "P at PF 0.5");
        assertWithin(2300, r.apparentPowerVA(), 0.005, "S at PF 0.5");
    }

    @Test
    void a_shunt_with_gain_and_phase_errors_reads_true_after_calibration() {
        Ht7017Sim sim = sim("shunt", 0.03, -0.04, 0.025, 2.0);
        CalibrationProfile p = fullCalibration(sim, "shunt");
        assertEquals(0x000C, p.registers().get(Ht7017Register.ADCCON));
        assertCalibrated(p, sim);
    }

    @Test
    void a_ct_with_larger_errors_reads_true_after_calibration() {
        Ht7017Sim sim = sim("ct", -0.05, 0.06, -0.07, 5.0);
        CalibrationProfile p = fullCalibration(sim, "ct");
        assertEquals(0x0004, p.registers().get(Ht7017Register.ADCCON));
        assertCalibrated(p, sim);
    }

    @Test
    void a_current_reference_without_load_is_refused() {
        Ht7017Sim sim = sim("shunt", 0, 0, 0, 0);
        CalibrationSession s = session(sim, "shunt");
        s.begin();
        set(sim, 230, 0, 1);
        CalibrationException e = assertThrows(CalibrationException.class, () -> s.calibrateGain(Reference.of(230, 5, 1150, 1), Progress.NONE));
        assertTrue(e.getMessage().contains("measures no load current"), e.getMessage());
    }

    @Test
    void readings_that_never_settle_are_refused_after_the_timeout() {
        FrontEnd noisy = FrontEnd.load(FRONTENDS.resolve("shunt.yaml")).withNoise(0.02);
        Ht7017Sim sim = new Ht7017Sim(clock, noisy);
        CalibrationSession s = session(sim, "shunt");
        s.begin();
        set(sim, 230, 10, 1);
        long start = clock.nanoTime();
        CalibrationException e = assertThrows(CalibrationException.class, () -> s.calibrateGain(Reference.of(230, 10, 2300, 1), Progress.NONE));
        assertTrue(e.getMessage().startsWith("readings did not settle within 30 s"), e.getMessage());
        assertTrue(clock.nanoTime() - start >= 30_000_000_000L);
    }

    @Test
    void the_fact_sheet_current_offset_formula_is_used_at_no_load() {
        Ht7017Sim sim = sim("shunt", 0, 0, 0, 0);
        CalibrationSession s = session(sim, "shunt");
        s.begin();
        set(sim, 230, 0, 1);
        CalibrationSession.OffsetResult r = s.measureOffset(Progress.NONE);
        assertEquals(440, r.meanRmsI1(), 1);
        assertEquals(Math.round(r.meanRmsI1() * r.meanRmsI1() / 32768.0), r.i1RmsOffset());
        assertEquals(r.i1RmsOffset(), sim.peek(0x69));
    }
}
