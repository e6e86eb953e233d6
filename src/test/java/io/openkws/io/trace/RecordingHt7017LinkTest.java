package io.openkws.io.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.openkws.driver.ht7017.Ht7017Driver;
import io.openkws.driver.ht7017.Ht7017Exception;
import io.openkws.driver.ht7017.Ht7017Register;
import io.openkws.io.sim.ht7017.Faults;
import io.openkws.io.sim.ht7017.FrontEnd;
import io.openkws.io.sim.ht7017.Ht7017Sim;
import io.openkws.io.sim.ht7017.SimHt7017Link;
import io.openkws.meter.CalibrationProfile;
import io.openkws.time.VirtualClock;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Golden trace: the driver's exact traffic for probe, init with the default profile, and a read that fails after every retry, then one that succeeds. */
class RecordingHt7017LinkTest {

    private static String golden(String name) throws IOException {
        try (InputStream in = RecordingHt7017LinkTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void probe_init_a_failed_read_and_a_good_read_produce_the_golden_trace() throws IOException {
        VirtualClock clock = new VirtualClock();
        Ht7017Sim sim = new Ht7017Sim(clock, FrontEnd.load(Path.of("hardware/kws302wf/frontends/shunt.yaml")));
        sim.setVoltageV(230);
        RecordingHt7017Link link = new RecordingHt7017Link(new SimHt7017Link(sim, clock), clock);
        Ht7017Driver driver = new Ht7017Driver(link, clock);
        driver.probe();
        driver.init(CalibrationProfile.load(Path.of("hardware/kws302wf/calibration.yaml")).registers());
        clock.advanceTo(clock.nanoTime() + 100_000_000L);
        sim.setFaults(new Faults(0, 1.0, 0, 0, 0));
        assertThrows(Ht7017Exception.class, () -> driver.read(Ht7017Register.RMS_U));
        sim.setFaults(Faults.NONE);
        driver.read(Ht7017Register.RMS_U);
        assertEquals(golden("ht7017-probe-init.trace"), link.text());
    }
}
