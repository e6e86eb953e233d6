package io.openkws.io.serial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openkws.driver.ht7017.Ht7017Driver;
import io.openkws.driver.ht7017.Ht7017Frames;
import io.openkws.driver.ht7017.Ht7017Register;
import io.openkws.io.sim.ht7017.Faults;
import io.openkws.io.sim.ht7017.FrontEnd;
import io.openkws.io.sim.ht7017.Ht7017Sim;
import io.openkws.io.sim.ht7017.PtyHt7017Server;
import io.openkws.time.SystemClock;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The driver through jSerialComm and a pseudo-terminal served by the simulated chip, in real time. */
class SerialHt7017LinkTest {

    private final SystemClock clock = SystemClock.instance();
    private final Ht7017Sim sim = new Ht7017Sim(clock, FrontEnd.load(Path.of("hardware/kws302wf/frontends/shunt.yaml")));

    @Test
    void the_driver_probes_initialises_and_reads_through_the_pty() throws InterruptedException {
        sim.setVoltageV(229.0);
        try (PtyHt7017Server server = PtyHt7017Server.start(sim);
                SerialHt7017Link link = SerialHt7017Link.open(server.path(), clock)) {
            Ht7017Driver driver = new Ht7017Driver(link, clock);
            assertEquals(0x705304, driver.probe());
            driver.init(Map.of());
            assertTrue(sim.energyEnabled());
            clock.sleepNanos(2 * sim.updatePeriodNanos());
            long start = clock.nanoTime();
            for (int i = 0; i < 5; i++) {
                assertEquals(229.0 * 10961.98, driver.read(Ht7017Register.RMS_U), 1.0);
            }
            long perRead = (clock.nanoTime() - start) / 5;
            assertTrue(perRead >= 6 * Ht7017Frames.BYTE_NANOS, "a read is paced like the wire: " + perRead);
            assertEquals(0, driver.badFrames());
        }
    }

    @Test
    void garbage_and_corrupted_replies_through_the_pty_are_resynchronised() {
        sim.setFaults(new Faults(0.1, 0, 0.1, 0, 0));
        try (PtyHt7017Server server = PtyHt7017Server.start(sim);
                SerialHt7017Link link = SerialHt7017Link.open(server.path(), clock)) {
            Ht7017Driver driver = new Ht7017Driver(link, clock);
            for (int i = 0; i < 30; i++) {
                assertEquals(0x705304, driver.readRaw(Ht7017Register.DEVICE_ID));
            }
            assertTrue(driver.badFrames() > 0);
        }
    }

    @Test
    void a_missing_port_is_a_user_error_naming_it() {
        SerialPortException e = assertThrows(SerialPortException.class, () -> SerialHt7017Link.open("/dev/no-such-tty-openkws", clock));
        assertEquals("/dev/no-such-tty-openkws: no such serial port", e.getMessage());
    }
}
