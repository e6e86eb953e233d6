package io.openkws.meter.bl0942;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openkws.yaml.ConfNode;
import io.openkws.yaml.ConfigException;
import io.openkws.driver.bl0942.Bl0942Driver;
import io.openkws.io.sim.bl0942.Bl0942FrontEnd;
import io.openkws.io.sim.bl0942.Bl0942Sim;
import io.openkws.io.sim.bl0942.SimBl0942Link;
import io.openkws.io.sim.ht7017.Faults;
import io.openkws.meter.Meter;
import io.openkws.meter.MeterException;
import io.openkws.meter.Reading;
import io.openkws.time.VirtualClock;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shared meter over the BL0942 chip, its driver and the simulated chip, in virtual time. */
class Bl0942ChipTest {

    private static final long SECOND = 1_000_000_000L;
    private final VirtualClock clock = new VirtualClock();
    private final Bl0942Sim sim = new Bl0942Sim(clock, Bl0942FrontEnd.load(Path.of("hardware/bl0942-generic/frontends/shunt.yaml")),
            Bl0942Sim.DEFAULT_UPDATE_PERIOD_NANOS, 11);
    private final Bl0942Driver driver = new Bl0942Driver(new SimBl0942Link(sim, clock), clock);

    private Meter meter(String profileFile) {
        return new Meter(new Bl0942Chip(driver, Bl0942Profile.load(Path.of(profileFile)), clock), clock);
    }

    private static final String SIM_PROFILE = "hardware/sim-bl0942/calibration.yaml";

    private static void assertClose(double expected, double actual, double relative) {
        assertEquals(expected, actual, Math.abs(expected) * relative, () -> "expected " + expected + " got " + actual);
    }

    private void runFor(Meter meter, long nanos, long cycleNanos) {
        long end = clock.nanoTime() + nanos;
        while (clock.nanoTime() < end) {
            long next = clock.nanoTime() + cycleNanos;
            meter.poll();
            clock.advanceTo(next);
        }
    }

    @Test
    void readings_match_the_true_inputs_within_0_3_percent_with_the_datasheet_profile() {
        sim.setVoltageV(231.5);
        sim.setCurrentA(4.2);
        sim.setPowerFactor(0.8);
        sim.setFrequencyHz(49.9);
        Meter meter = meter(SIM_PROFILE);
        assertEquals(0x87, meter.start());
        runFor(meter, 2 * SECOND, 100_000_000L);
        Reading r = meter.poll();
        assertClose(231.5, r.voltageV(), 0.003);
        assertClose(4.2, r.currentA(), 0.003);
        assertClose(231.5 * 4.2 * 0.8, r.powerW(), 0.003);
        assertClose(231.5 * 4.2, r.apparentPowerVA(), 0.003);
        assertClose(231.5 * 4.2 * 0.6, r.reactivePowerVar(), 0.003);
        assertClose(0.8, r.powerFactor(), 0.003);
        assertClose(49.9, r.frequencyHz(), 0.003);
        assertEquals(List.of("I_RMS", "V_RMS", "I_FAST_RMS", "WATT", "CF_CNT", "FREQ"), r.raw().asMap().keySet().stream().toList());
        assertEquals(sim.peek(0x04), r.raw().get("V_RMS"));
    }

    @Test
    void the_published_default_profile_reads_voltage_and_current_of_the_reference_design_within_0_1_percent() {
        sim.setVoltageV(230);
        sim.setCurrentA(10);
        Meter meter = meter("hardware/bl0942-generic/calibration.yaml");
        meter.start();
        Reading r = meter.pollFull();
        assertClose(230, r.voltageV(), 0.001);
        assertClose(10, r.currentA(), 0.001);
        assertClose(1_000_000 / 20000.0, r.frequencyHz(), 1e-9);
    }

    @Test
    void energy_counts_kwh_from_cf_cnt_deltas() {
        sim.setVoltageV(230);
        sim.setCurrentA(10);
        Meter meter = meter(SIM_PROFILE);
        meter.start();
        runFor(meter, 3600 * SECOND, SECOND);
        assertClose(2.3, meter.energyKWh(), 0.003);
    }

    @Test
    void a_chip_reset_mid_run_is_detected_reinitialised_and_energy_keeps_counting() {
        sim.setVoltageV(230);
        sim.setCurrentA(10);
        Meter meter = meter(SIM_PROFILE);
        meter.start();
        runFor(meter, 1800 * SECOND, SECOND);
        sim.resetNow();
        runFor(meter, 1800 * SECOND, SECOND);
        assertEquals(1, driver.reinits());
        assertClose(2.3, meter.energyKWh(), 0.01);
        assertClose(230, meter.poll().voltageV(), 0.003);
    }

    @Test
    void a_reset_that_loses_a_non_default_register_is_caught_by_the_read_back() {
        Bl0942Profile tuned = Bl0942Profile.from(ConfNode.parse("tuned.yaml", """
                name: tuned
                scales: { voltage: 15883.341, current: 376820.2, power: 935.09 }
                registers: { GAIN_CR: 3 }
                """));
        sim.setVoltageV(230);
        sim.setCurrentA(5);
        Meter meter = new Meter(new Bl0942Chip(driver, tuned, clock), clock);
        meter.start();
        assertClose(5, meter.poll().currentA(), 0.003);
        sim.resetNow();
        runFor(meter, 10 * SECOND, 100_000_000L);
        assertEquals(1, driver.reinits());
        assertClose(5, meter.poll().currentA(), 0.003);
    }

    @Test
    void ten_percent_corrupted_packets_leave_the_readings_right_and_are_counted_as_bad_frames() {
        sim.setVoltageV(230);
        sim.setCurrentA(5);
        Meter meter = meter(SIM_PROFILE);
        meter.start();
        runFor(meter, SECOND, 100_000_000L);
        sim.setFaults(Faults.corruptReplies(0.10));
        for (int i = 0; i < 500; i++) {
            Reading r = meter.poll();
            assertClose(230, r.voltageV(), 0.003);
            assertClose(5, r.currentA(), 0.003);
            clock.advanceTo(clock.nanoTime() + 100_000_000L);
        }
        assertTrue(meter.badFrames() > 25, "bad frames " + meter.badFrames());
        assertEquals(0, driver.failures());
    }

    @Test
    void a_lost_chip_makes_poll_throw_the_chip_neutral_exception() {
        Meter meter = meter(SIM_PROFILE);
        meter.start();
        sim.setFaults(new Faults(0, 1.0, 0, 0, 0));
        assertThrows(MeterException.class, meter::poll);
    }

    @Test
    void a_profile_with_an_unknown_or_protected_register_names_file_and_key() {
        ConfigException unknown = assertThrows(ConfigException.class, () -> Bl0942Profile.from(ConfNode.parse("p.yaml", """
                scales: { voltage: 1, current: 1, power: 1 }
                registers: { GAIN: 1 }
                """)));
        assertTrue(unknown.getMessage().contains("p.yaml:2") && unknown.getMessage().contains("not a BL0942 register"),
                unknown.getMessage());
        ConfigException control = assertThrows(ConfigException.class, () -> Bl0942Profile.from(ConfNode.parse("p.yaml", """
                scales: { voltage: 1, current: 1, power: 1 }
                registers: { USR_WRPROT: 0x55 }
                """)));
        assertTrue(control.getMessage().contains("cannot be written at init"), control.getMessage());
    }
}
