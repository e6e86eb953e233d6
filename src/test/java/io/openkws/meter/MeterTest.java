package io.openkws.meter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openkws.yaml.ConfNode;
import io.openkws.driver.ht7017.Ht7017Driver;
import io.openkws.io.sim.ht7017.Faults;
import io.openkws.meter.ht7017.Ht7017Chip;
import io.openkws.io.sim.ht7017.FrontEnd;
import io.openkws.io.sim.ht7017.Ht7017Sim;
import io.openkws.io.sim.ht7017.SimHt7017Link;
import io.openkws.time.VirtualClock;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The meter over the driver and the simulated chip, in virtual time. */
class MeterTest {

    private static final long SECOND = 1_000_000_000L;
    private final VirtualClock clock = new VirtualClock();
    private final Ht7017Sim sim = new Ht7017Sim(clock, FrontEnd.load(Path.of("hardware/kws302wf/frontends/shunt.yaml")));
    private final Ht7017Driver driver = new Ht7017Driver(new SimHt7017Link(sim, clock), clock);

    private Meter meter(CalibrationProfile profile) {
        return new Meter(new Ht7017Chip(driver, profile, clock), clock);
    }

    private static CalibrationProfile defaultProfile() {
        return CalibrationProfile.load(Path.of("hardware/kws302wf/calibration.yaml"));
    }

    private static void assertClose(double expected, double actual, double relative) {
        assertEquals(expected, actual, Math.abs(expected) * relative, () -> "expected " + expected + " got " + actual);
    }

    /** Every {@code cycleNanos}, one round of polls (every register of the rotation once, one slow item). */
    private void runFor(Meter meter, long nanos, long cycleNanos) {
        long end = clock.nanoTime() + nanos;
        while (clock.nanoTime() < end) {
            long next = clock.nanoTime() + cycleNanos;
            for (int i = 0; i < POLLS_PER_ROUND; i++) {
                meter.poll();
            }
            clock.advanceTo(next);
        }
    }

    private static final int POLLS_PER_ROUND = 5;

    @Test
    void readings_match_the_true_inputs_within_0_3_percent() {
        sim.setVoltageV(231.5);
        sim.setCurrentA(4.2);
        sim.setPowerFactor(0.8);
        sim.setFrequencyHz(49.9);
        Meter meter = meter(defaultProfile());
        assertEquals(0x705304, meter.start());
        runFor(meter, 2 * SECOND, 100_000_000L);
        Reading r = meter.poll();
        assertClose(231.5, r.voltageV(), 0.003);
        assertClose(4.2, r.currentA(), 0.003);
        assertClose(231.5 * 4.2 * 0.8, r.powerW(), 0.003);
        assertClose(231.5 * 4.2, r.apparentPowerVA(), 0.003);
        assertClose(231.5 * 4.2 * 0.6, r.reactivePowerVar(), 0.003);
        assertClose(0.8, r.powerFactor(), 0.003);
        assertClose(49.9, r.frequencyHz(), 0.003);
        assertEquals(clock.nanoTime() - 2 * 6 * io.openkws.driver.ht7017.Ht7017Frames.BYTE_NANOS, r.timestampNanos());
    }

    @Test
    void at_no_load_current_and_power_are_zero_and_the_power_factor_is_one() {
        sim.setVoltageV(230);
        sim.setLoadConnected(() -> false);
        sim.setCurrentA(3);
        Meter meter = meter(defaultProfile());
        meter.start();
        clock.advanceTo(clock.nanoTime() + SECOND);
        Reading r = meter.pollFull();
        assertEquals(0.0, r.currentA());
        assertEquals(0.0, r.powerW(), 1e-9);
        assertEquals(1.0, r.powerFactor());
    }

    @Test
    void energy_counts_kwh_from_energyp_deltas() {
        sim.setVoltageV(230);
        sim.setCurrentA(10);
        Meter meter = meter(defaultProfile());
        meter.start();
        runFor(meter, 3600 * SECOND, SECOND);
        assertClose(2.3, meter.energyKWh(), 0.003);
    }

    @Test
    void energy_keeps_counting_across_the_24_bit_wrap() {
        CalibrationProfile fast = CalibrationProfile.from(ConfNode.parse("fast.yaml", """
                name: fast-energy
                scales: { voltage: 10961.98, current: 2342.02, currentOffset: 440, power: -3.1777 }
                registers: { HFConst: 1, ADCCON: 0 }
                """));
        sim.setVoltageV(250);
        sim.setCurrentA(40);
        Meter meter = meter(fast);
        meter.start();
        long hours = 80;
        for (long m = 0; m < hours * 6; m++) {
            clock.advanceTo(clock.nanoTime() + 600 * SECOND);
            meter.pollFull();
        }
        assertTrue(meter.energyCounts() > (1L << 24), "counts " + meter.energyCounts());
        assertClose(10.0 * hours, meter.energyKWh(), 0.003);
    }

    @Test
    void a_chip_reset_mid_run_is_detected_reinitialised_and_energy_keeps_counting() {
        CalibrationProfile tuned = CalibrationProfile.from(ConfNode.parse("tuned.yaml", """
                name: tuned
                scales: { voltage: 10961.98, current: 2342.02, currentOffset: 440, power: -3.1777 }
                registers: { GP1: 0x0000, GS1: 0x0001, ADCCON: 0 }
                """));
        sim.setVoltageV(230);
        sim.setCurrentA(10);
        Meter meter = meter(tuned);
        meter.start();
        runFor(meter, 1800 * SECOND, SECOND);
        sim.resetNow();
        runFor(meter, 1800 * SECOND, SECOND);
        assertEquals(1, driver.reinits());
        assertTrue(sim.energyEnabled());
        assertClose(2.3, meter.energyKWh(), 0.01);
        assertClose(230, meter.poll().voltageV(), 0.003);
    }

    @Test
    void with_the_default_profile_a_reset_is_caught_by_energyp_going_backwards() {
        sim.setVoltageV(230);
        sim.setCurrentA(10);
        Meter meter = meter(defaultProfile());
        meter.start();
        runFor(meter, 1800 * SECOND, SECOND);
        sim.resetNow();
        runFor(meter, 1800 * SECOND, SECOND);
        assertEquals(1, driver.reinits());
        assertTrue(sim.energyEnabled());
        assertClose(2.3, meter.energyKWh(), 0.01);
    }

    @Test
    void spontaneous_resets_and_corrupted_replies_do_not_stop_the_readings() {
        sim.setVoltageV(230);
        sim.setCurrentA(5);
        Meter meter = meter(defaultProfile());
        meter.start();
        sim.setFaults(new Faults(0.05, 0.02, 0.02, 0, 0.0005));
        for (int i = 0; i < 3000; i++) {
            Reading r = meter.poll();
            if (i > 10 && sim.resets() == 0) {
                assertClose(230, r.voltageV(), 0.003);
            }
            clock.advanceTo(clock.nanoTime() + 100_000_000L);
        }
        sim.setFaults(Faults.NONE);
        runFor(meter, 300 * SECOND, SECOND);
        assertTrue(sim.resets() > 0, "the chip reset at least once");
        assertTrue(driver.reinits() > 0, "and was re-initialised");
        assertTrue(sim.energyEnabled());
    }

    @Test
    void a_reset_before_any_energy_was_counted_is_caught_when_energyp_stalls() {
        sim.setVoltageV(230);
        sim.setCurrentA(10);
        Meter meter = meter(defaultProfile());
        meter.start();
        sim.resetNow();
        runFor(meter, 600 * SECOND, SECOND);
        assertEquals(1, driver.reinits());
        assertTrue(sim.energyEnabled());
        assertTrue(meter.energyKWh() > 0.2, "energy " + meter.energyKWh());
    }

    @Test
    void a_lost_chip_makes_poll_throw() {
        Meter meter = meter(defaultProfile());
        meter.start();
        sim.setFaults(new Faults(0, 1.0, 0, 0, 0));
        assertThrows(MeterException.class, meter::poll);
    }

    @Test
    void a_poll_cycle_allocates_at_most_256_bytes() {
        sim.setVoltageV(230);
        sim.setCurrentA(5);
        Meter meter = meter(defaultProfile());
        meter.start();
        for (int i = 0; i < 20_000; i++) {
            meter.poll();
        }
        var mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().threadId();
        long before = mx.getThreadAllocatedBytes(tid);
        for (int i = 0; i < 1200; i++) {
            meter.poll();
        }
        long perCycle = (mx.getThreadAllocatedBytes(tid) - before) / 1200;
        assertTrue(perCycle <= 256, "bytes per cycle: " + perCycle);
    }
}
