package io.openkws.meter.ht7017;

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
import io.openkws.meter.Reading;
import io.openkws.time.VirtualClock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The HT7017 chip's register schedule against the simulated chip in virtual time: with noise its reads lock to the
 * chip's updates and an over-voltage reaches the meter's reading a reply time after the chip shows it; without
 * noise the reads are the old rotation, exactly.
 */
class Ht7017ChipScheduleTest {

    private static final long MS = 1_000_000L;
    private static final long SECOND = 1000 * MS;
    private static final FrontEnd SHUNT = FrontEnd.load(Path.of("hardware/kws302wf/frontends/shunt.yaml"));
    private static final CalibrationProfile PROFILE = CalibrationProfile.load(Path.of("hardware/kws302wf/calibration.yaml"));

    private final VirtualClock clock = new VirtualClock();
    private final List<Integer> reads = new ArrayList<>();
    private Ht7017Sim sim;
    private Ht7017Chip chip;
    private Meter meter;
    private long overSince = Long.MIN_VALUE;

    /** A profile whose registers change SUMChecksum, so the driver sees a reset at its next checksum read. */
    private static final CalibrationProfile TUNED = CalibrationProfile.from(io.openkws.yaml.ConfNode.parse("tuned.yaml", """
            name: tuned
            scales: { voltage: 10961.98, current: 2342.02, currentOffset: 440, power: -3.1777 }
            registers: { GP1: 0x0000, GS1: 0x0001, ADCCON: 0 }
            """));

    private void start(double noise, long updatePeriodNanos) {
        start(noise, updatePeriodNanos, PROFILE);
    }

    private void start(double noise, long updatePeriodNanos, CalibrationProfile profile) {
        sim = new Ht7017Sim(clock, SHUNT.withNoise(noise), updatePeriodNanos, 19);
        sim.setVoltageV(230);
        sim.setCurrentA(2);
        sim.setFrequencyHz(50);
        sim.setReadListener((address, at, update) -> reads.add(address));
        sim.setUpdateListener((at, voltageV) -> {
            if (voltageV > 250 && overSince == Long.MIN_VALUE) {
                overSince = at;
            }
        });
        chip = new Ht7017Chip(new Ht7017Driver(new SimHt7017Link(sim, clock), clock), profile, clock);
        meter = new Meter(chip, clock);
        meter.start();
    }

    private void pollUntil(long t) {
        while (clock.nanoTime() < t) {
            meter.poll();
        }
    }

    /** Over-voltage steps at random instants: ms from the chip showing each to the meter's reading of it, sorted. */
    private double[] overVoltageLatenciesMs(int trips) {
        Random random = new Random(7);
        double[] out = new double[trips];
        for (int i = 0; i < trips; i++) {
            pollUntil(clock.nanoTime() + 150 * MS + random.nextInt(100) * MS);
            overSince = Long.MIN_VALUE;
            sim.setVoltageV(262);
            Reading r;
            do {
                r = meter.poll();
            } while (r.voltageV() < 250);
            out[i] = (clock.nanoTime() - overSince) / 1e6;
            sim.setVoltageV(230);
        }
        Arrays.sort(out);
        return out;
    }

    @Test
    void with_noise_the_reads_lock_to_the_update_and_an_over_voltage_arrives_a_reply_time_after_it() {
        start(1e-4, 100 * MS);
        pollUntil(3 * SECOND);
        assertTrue(chip.schedule().locked(), "locked after 3 s");
        assertEquals(100.0, chip.schedule().periodNanos() / 1e6, 0.05);
        double[] ms = overVoltageLatenciesMs(200);
        double p50 = ms[99];
        double p99 = ms[197];
        System.out.printf("locked: over-voltage to reading p50 %.1f p99 %.1f max %.1f ms%n", p50, p99, ms[199]);
        double reply = 4 * io.openkws.driver.ht7017.Ht7017Frames.BYTE_NANOS / 1e6;
        assertTrue(p50 <= reply + 3, "p50 " + p50);
        assertTrue(ms[199] <= reply + 16, "worst " + ms[199] + " (one early read at most)");
    }

    @Test
    void without_noise_the_reads_are_the_old_rotation_and_a_trip_waits_for_the_next_voltage_read() {
        start(0, 100 * MS);
        reads.clear();
        pollUntil(5 * SECOND);
        assertFalse(chip.schedule().locked());
        int u = Ht7017Register.RMS_U.address();
        int i = Ht7017Register.RMS_I1.address();
        int p = Ht7017Register.POWER_P1.address();
        for (int k = 0; k + 10 <= reads.size(); k += 10) {
            List<Integer> round = reads.subList(k, k + 10);
            assertEquals(List.of(i, u, p, u, i, u, p, u), round.subList(0, 8), "round at read " + k);
            assertEquals(u, round.get(9));
        }
        double[] ms = overVoltageLatenciesMs(100);
        System.out.printf("unlocked: over-voltage to reading p50 %.1f max %.1f ms%n", ms[49], ms[99]);
        assertTrue(ms[49] > 15, "the median waits half a poll: " + ms[49]);
    }

    @Test
    void current_and_power_are_read_once_per_update_while_locked() {
        start(1e-4, 80 * MS);
        pollUntil(3 * SECOND);
        assertTrue(chip.schedule().locked());
        reads.clear();
        pollUntil(13 * SECOND);
        long updates = 10 * SECOND / (80 * MS);
        long current = reads.stream().filter(a -> a == Ht7017Register.RMS_I1.address()).count();
        long power = reads.stream().filter(a -> a == Ht7017Register.POWER_P1.address()).count();
        assertEquals(updates, current, 2.0, "current reads in 10 s");
        assertEquals(updates, power, 2.0, "power reads in 10 s");
    }

    @Test
    void after_a_chip_reset_the_chip_is_initialised_again_and_the_new_update_instants_are_learnt() {
        start(1e-4, 100 * MS, TUNED);
        pollUntil(3 * SECOND);
        assertTrue(chip.schedule().locked());
        long locks = chip.schedule().locks();
        pollUntil(clock.nanoTime() + 37 * MS);
        sim.resetNow();
        pollUntil(clock.nanoTime() + 5 * SECOND);
        assertEquals(2, chip.driver().inits(), "the reset was seen and the chip initialised again");
        assertTrue(chip.schedule().locked(), "locked again");
        assertTrue(chip.schedule().locks() > locks, "by learning the instants again");
        double[] ms = overVoltageLatenciesMs(100);
        double reply = 4 * io.openkws.driver.ht7017.Ht7017Frames.BYTE_NANOS / 1e6;
        assertTrue(ms[49] <= reply + 3, "p50 " + ms[49]);
    }
}
