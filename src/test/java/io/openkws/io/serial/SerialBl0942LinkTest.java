package io.openkws.io.serial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openkws.driver.bl0942.Bl0942Driver;
import io.openkws.driver.bl0942.Bl0942Frames;
import io.openkws.driver.bl0942.Bl0942Packet;
import io.openkws.driver.bl0942.Bl0942Register;
import io.openkws.io.sim.bl0942.Bl0942FrontEnd;
import io.openkws.io.sim.bl0942.Bl0942Sim;
import io.openkws.io.sim.ht7017.Faults;
import io.openkws.io.sim.uart.PtyUartServer;
import io.openkws.time.SystemClock;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The BL0942 driver through jSerialComm (8N1) and a pseudo-terminal served by the simulated chip, in real time. */
class SerialBl0942LinkTest {

    private final SystemClock clock = SystemClock.instance();
    private final Bl0942Sim sim = new Bl0942Sim(clock, Bl0942FrontEnd.referenceDesign(), 100_000_000L, 3);

    private PtyUartServer serve() {
        return PtyUartServer.start(sim, Bl0942Frames.byteNanos(4800), "bl0942");
    }

    @Test
    void the_driver_probes_initialises_and_reads_full_packets_through_the_pty() throws InterruptedException {
        sim.setVoltageV(229.0);
        sim.setCurrentA(3.0);
        try (PtyUartServer server = serve(); SerialBl0942Link link = SerialBl0942Link.open(server.path(), 4800, clock)) {
            Bl0942Driver driver = new Bl0942Driver(link, clock);
            assertEquals(0x87, driver.probe());
            driver.init(Map.of(Bl0942Register.GAIN_CR, 0x02));
            assertEquals(0, sim.peek(0x1D), "write protection closed again");
            clock.sleepNanos(2 * sim.updatePeriodNanos());
            for (int i = 0; i < 5; i++) {
                Bl0942Packet p = driver.readPacket();
                assertEquals(229.0 * 73989 * (1000.0 * 510 / 1950510) / 1.218, p.vRms(), 2.0);
                assertEquals(3.0 * 305978 / 1.218, p.iRms(), 2.0);
            }
            assertEquals(0, driver.badFrames());
        }
    }

    @Test
    void ten_percent_corrupted_packets_and_garbage_through_the_pty_are_recovered_and_counted() throws InterruptedException {
        sim.setVoltageV(240.0);
        try (PtyUartServer server = serve(); SerialBl0942Link link = SerialBl0942Link.open(server.path(), 4800, clock)) {
            Bl0942Driver driver = new Bl0942Driver(link, clock);
            clock.sleepNanos(2 * sim.updatePeriodNanos());
            int clean = driver.readPacket().vRms();
            sim.setFaults(new Faults(0.10, 0, 0.10, 0, 0));
            for (int i = 0; i < 30; i++) {
                assertEquals(clean, driver.readPacket().vRms());
            }
            assertTrue(driver.badFrames() > 0, "bad frames counted");
            assertEquals(0, driver.failures());
        }
    }

    @Test
    void a_missing_port_is_a_user_error_naming_it() {
        SerialPortException e = assertThrows(SerialPortException.class, () -> SerialBl0942Link.open("/dev/openkws-no-such-port", 4800, clock));
        assertTrue(e.getMessage().startsWith("/dev/openkws-no-such-port"), e.getMessage());
    }
}
