package io.openkws.driver.bl0942;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openkws.io.sim.bl0942.Bl0942FrontEnd;
import io.openkws.io.sim.bl0942.Bl0942Sim;
import io.openkws.io.sim.bl0942.SimBl0942Link;
import io.openkws.io.sim.ht7017.Faults;
import io.openkws.time.VirtualClock;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The BL0942 driver against the register-level simulator in virtual time. */
class Bl0942DriverTest {

    private static final long MS = 1_000_000L;
    /** Datasheet conversion on the reference front-end (1 mV/A, 510 / 1950510 of the line voltage). */
    private static final double V_COUNTS_PER_VOLT = 73989 * (1000.0 * 510 / 1950510) / 1.218;
    private static final double I_COUNTS_PER_AMP = 305978 / 1.218;
    private static final double W_COUNTS_PER_WATT = 3537 * (1000.0 * 510 / 1950510) / (1.218 * 1.218);

    private final VirtualClock clock = new VirtualClock();
    private final Bl0942Sim sim = new Bl0942Sim(clock, Bl0942FrontEnd.referenceDesign(), 100 * MS, 42);
    private final Bl0942Driver driver = new Bl0942Driver(new SimBl0942Link(sim, clock), clock);

    private void mains(double volts, double amps, double pf) {
        sim.setVoltageV(volts);
        sim.setCurrentA(amps);
        sim.setPowerFactor(pf);
        sim.setFrequencyHz(50);
        clock.advanceTo(clock.nanoTime() + 200 * MS);
    }

    private static void assertClose(double expected, double actual, double relative) {
        assertEquals(expected, actual, Math.abs(expected) * relative, () -> "expected " + expected + " got " + actual);
    }

    /** Same measurements as {@code clean}; the energy counter only moves forward, by at most 2 counts a packet. */
    private static int assertSameMeasurements(Bl0942Packet clean, Bl0942Packet p, int lastCount) {
        assertEquals(new Bl0942Packet(clean.iRms(), clean.vRms(), clean.iFastRms(), clean.watt(), p.cfCnt(), clean.freq(),
                clean.status()), p);
        int step = Bl0942Driver.energyDelta(lastCount, p.cfCnt());
        assertTrue(step <= 2, "CF_CNT stepped by " + step);
        return p.cfCnt();
    }

    @Test
    void probe_reads_mode_at_its_reset_value() {
        assertEquals(0x87, driver.probe());
    }

    @Test
    void a_full_packet_carries_every_measurement_as_the_datasheet_converts_it() {
        mains(230, 5, 0.8);
        Bl0942Packet p = driver.readPacket();
        assertClose(230 * V_COUNTS_PER_VOLT, p.vRms(), 1e-6);
        assertClose(5 * I_COUNTS_PER_AMP, p.iRms(), 1e-6);
        assertClose(230 * 5 * 0.8 * W_COUNTS_PER_WATT, p.watt(), 1e-5);
        assertEquals(20000, p.freq());
    }

    @Test
    void a_full_packet_costs_25_byte_times_of_clock_time() {
        mains(230, 1, 1);
        long before = clock.nanoTime();
        driver.readPacket();
        assertEquals(25 * Bl0942Frames.byteNanos(4800), clock.nanoTime() - before);
    }

    @Test
    void reverse_power_reads_as_negative_watt() {
        mains(230, 2, -1);
        assertTrue(driver.readPacket().watt() < 0);
    }

    @Test
    void init_writes_its_registers_and_closes_write_protection_again() {
        driver.init(Map.of(Bl0942Register.GAIN_CR, 0x03, Bl0942Register.MODE, 0x8F));
        assertEquals(0x03, sim.peek(0x1A));
        assertEquals(0x8F, sim.peek(0x19));
        assertEquals(0x00, sim.peek(0x1D), "USR_WRPROT closed");
        assertEquals(1, driver.inits());
        Bl0942Exception e = assertThrows(Bl0942Exception.class, () -> driver.write(Bl0942Register.GAIN_CR, 0x01));
        assertTrue(e.getMessage().contains("write protection"), e.getMessage());
        assertEquals(0x03, sim.peek(0x1A), "a protected register keeps its value");
    }

    @Test
    void a_reset_that_lost_the_configuration_is_found_by_reading_it_back_and_re_initialised() {
        driver.init(Map.of(Bl0942Register.GAIN_CR, 0x03));
        assertTrue(driver.verifyConfiguration());
        sim.resetNow();
        assertEquals(0x02, sim.peek(0x1A));
        assertEquals(false, driver.verifyConfiguration());
        assertEquals(1, driver.reinits());
        assertEquals(0x03, sim.peek(0x1A));
        assertTrue(driver.verifyConfiguration());
    }

    @Test
    void with_ten_percent_corrupted_packets_every_value_is_right_and_the_bad_frames_are_counted() {
        mains(231.5, 7.25, 0.9);
        Bl0942Packet clean = driver.readPacket();
        sim.setFaults(Faults.corruptReplies(0.10));
        int lastCount = clean.cfCnt();
        for (int i = 0; i < 1000; i++) {
            lastCount = assertSameMeasurements(clean, driver.readPacket(), lastCount);
        }
        assertTrue(driver.badChecksums() > 60 && driver.badChecksums() < 150, "bad frames " + driver.badChecksums());
        assertEquals(driver.badChecksums(), driver.badFrames());
        assertEquals(0, driver.failures());
    }

    @Test
    void stray_bytes_before_a_packet_are_skipped_and_counted_as_resynchronisations() {
        mains(230, 3, 1);
        Bl0942Packet clean = driver.readPacket();
        sim.setFaults(new Faults(0, 0, 0.3, 0, 0));
        int lastCount = clean.cfCnt();
        for (int i = 0; i < 300; i++) {
            lastCount = assertSameMeasurements(clean, driver.readPacket(), lastCount);
        }
        assertTrue(driver.resyncs() > 50, "resyncs " + driver.resyncs());
        assertEquals(0, driver.failures());
    }

    @Test
    void a_silent_chip_fails_after_every_try_with_timeouts_counted() {
        sim.setFaults(new Faults(0, 1.0, 0, 0, 0));
        assertThrows(Bl0942Exception.class, driver::readPacket);
        assertEquals(Bl0942Driver.Options.defaults().attempts(), driver.timeouts());
        assertEquals(1, driver.failures());
    }

    @Test
    void the_energy_counter_advances_one_count_per_1638_4_x_256_watt_seconds() {
        mains(230, 10, 1);
        int before = driver.readPacket().cfCnt();
        clock.advanceTo(clock.nanoTime() + 600_000 * MS);
        int after = driver.readPacket().cfCnt();
        double expected = 2300 * W_COUNTS_PER_WATT * 600 / (1638.4 * 256);
        assertClose(expected, Bl0942Driver.energyDelta(before, after), 0.002);
    }
}
