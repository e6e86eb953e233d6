package io.openkws.driver.ht7017;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openkws.io.sim.ht7017.Faults;
import io.openkws.io.sim.ht7017.FrontEnd;
import io.openkws.io.sim.ht7017.Ht7017Sim;
import io.openkws.io.sim.ht7017.SimHt7017Link;
import io.openkws.io.trace.RecordingHt7017Link;
import io.openkws.time.VirtualClock;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The driver against the simulated chip, in virtual time. */
class Ht7017DriverTest {

    private final VirtualClock clock = new VirtualClock();
    private final Ht7017Sim sim = new Ht7017Sim(clock, FrontEnd.load(Path.of("hardware/kws302wf/frontends/shunt.yaml")));
    private final RecordingHt7017Link link = new RecordingHt7017Link(new SimHt7017Link(sim, clock), clock);
    private final Ht7017Driver driver = new Ht7017Driver(link, clock);

    @Test
    void the_probe_reads_the_device_id() {
        assertEquals(0x705304, driver.probe());
        assertTrue(Ht7017Driver.knownDevice(driver.deviceId()));
        assertEquals(List.of("0.000000 MCU> 6A 1C", "0.013750 CHIP> 70 53 04 B2"), link.lines());
    }

    @Test
    void a_read_costs_six_byte_times_of_clock_time() {
        long before = clock.nanoTime();
        driver.readRaw(Ht7017Register.DEVICE_ID);
        assertEquals(6 * Ht7017Frames.BYTE_NANOS, clock.nanoTime() - before);
    }

    @Test
    void init_soft_resets_unlocks_writes_adccon_and_locks_in_the_fact_sheet_order() {
        driver.init(Map.of(Ht7017Register.GP1, 0x0123, Ht7017Register.EMUCFG, 0x0001));
        List<String> writes = link.lines().stream().filter(l -> l.contains("MCU>")).map(l -> l.substring(l.indexOf("MCU>"))).toList();
        assertEquals(List.of(
                "MCU> 6A B3 00 55 8D",
                "MCU> 6A B2 00 BC 27",
                "MCU> 6A C0 00 01 D4",
                "MCU> 6A B2 00 A6 3D",
                "MCU> 6A D0 01 23 A1",
                "MCU> 6A D9 00 00 BC",
                "MCU> 6A B2 00 00 E3",
                "MCU> 6A 18"), writes);
        assertTrue(sim.energyEnabled());
        assertEquals(0x0123, sim.peek(0x50));
        assertEquals(sim.peek(0x18), driver.expectedChecksum());
        assertEquals(0, driver.badFrames());
    }

    @Test
    void reads_decode_signed_registers() {
        driver.init(Map.of());
        sim.setVoltageV(230);
        sim.setCurrentA(2);
        clock.advanceTo(clock.nanoTime() + 200_000_000L);
        assertEquals(Math.round(-3.1777 * 460), driver.read(Ht7017Register.POWER_P1), 1);
        assertEquals(Math.round(230 * 10961.98), driver.read(Ht7017Register.RMS_U), 1);
    }

    @Test
    void with_ten_percent_corrupted_replies_values_stay_right_and_bad_frames_are_counted() {
        driver.init(Map.of());
        sim.setVoltageV(230);
        sim.setFaults(Faults.corruptReplies(0.10));
        clock.advanceTo(clock.nanoTime() + 200_000_000L);
        for (int i = 0; i < 500; i++) {
            assertEquals(Math.round(230 * 10961.98), driver.read(Ht7017Register.RMS_U), 1);
        }
        assertTrue(driver.badChecksums() > 20 && driver.badChecksums() < 100, "bad: " + driver.badChecksums());
        assertEquals(0, driver.failures());
    }

    @Test
    void dropped_replies_garbage_and_delays_are_survived() {
        driver.init(Map.of());
        sim.setFaults(new Faults(0.05, 0.05, 0.05, 5_000_000L, 0));
        for (int i = 0; i < 300; i++) {
            assertEquals(0x705304, driver.readRaw(Ht7017Register.DEVICE_ID));
        }
        assertTrue(driver.timeouts() > 0, "timeouts counted");
        assertTrue(driver.badChecksums() > 0, "garbage counted");
    }

    @Test
    void a_retry_waits_longer_than_the_chips_receiver_reset() {
        sim.setFaults(new Faults(0, 1.0, 0, 0, 0));
        long before = clock.nanoTime();
        Ht7017Exception e = assertThrows(Ht7017Exception.class, () -> driver.probe());
        assertTrue(e.getMessage().contains("DeviceID"));
        long perTry = (clock.nanoTime() - before) / Ht7017Driver.Options.defaults().attempts();
        assertTrue(perTry > Ht7017Frames.INTER_BYTE_RESET_NANOS + 50_000_000L, "per try " + perTry);
        assertEquals(Ht7017Driver.Options.defaults().attempts(), driver.timeouts());
        assertEquals(1, driver.failures());
    }

    @Test
    void a_nak_is_retried_and_counted_then_reported() {
        assertThrows(Ht7017Exception.class, () -> driver.write(Ht7017Register.GP1, 1));
        assertEquals(Ht7017Driver.Options.defaults().attempts(), driver.naks());
    }

    @Test
    void a_chip_reset_changes_sumchecksum_and_triggers_a_reinit() {
        driver.init(Map.of(Ht7017Register.GP1, 0x0100));
        assertTrue(driver.verifyChecksum());
        sim.resetNow();
        assertFalse(driver.verifyChecksum());
        assertEquals(1, driver.reinits());
        assertEquals(0x0100, sim.peek(0x50));
        assertTrue(sim.energyEnabled());
        assertTrue(driver.verifyChecksum());
    }

    @Test
    void energy_deltas_are_taken_modulo_2_to_the_24() {
        assertEquals(0x20, Ht7017Driver.energyDelta(0xFFFFF0, 0x000010));
        assertEquals(5, Ht7017Driver.energyDelta(10, 15));
        assertEquals(0, Ht7017Driver.energyDelta(0xABCDEF, 0xABCDEF));
    }

    @Test
    void steady_state_reads_allocate_nothing() {
        driver.init(Map.of());
        Ht7017Driver quiet = new Ht7017Driver(new SimHt7017Link(sim, clock), clock);
        for (int i = 0; i < 20_000; i++) {
            quiet.read(Ht7017Register.RMS_U);
        }
        var mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().threadId();
        long before = mx.getThreadAllocatedBytes(tid);
        for (int i = 0; i < 1000; i++) {
            quiet.read(Ht7017Register.RMS_U);
        }
        long perRead = (mx.getThreadAllocatedBytes(tid) - before) / 1000;
        assertTrue(perRead <= 16, "bytes allocated per read: " + perRead);
    }
}
