package io.openkws.io.sim.ht7017;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.openkws.yaml.ConfNode;
import io.openkws.yaml.ConfigException;
import io.openkws.driver.ht7017.Ht7017Driver;
import io.openkws.driver.ht7017.Ht7017Register;
import io.openkws.io.sim.ht7017.FrontEnd.OffsetModel;
import io.openkws.time.VirtualClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The simulated front-end's two current offset models, and the published files keeping the fixed one. */
class FrontEndOffsetModelTest {

    private static final Path SHUNT = Path.of("hardware/kws302wf/frontends/shunt.yaml");
    private final VirtualClock clock = new VirtualClock();

    private int rmsI1(FrontEnd fe, int adccon, double amps) {
        Ht7017Sim sim = new Ht7017Sim(clock, fe);
        new Ht7017Driver(new SimHt7017Link(sim, clock), clock).init(Map.of(Ht7017Register.ADCCON, adccon));
        sim.setVoltageV(230);
        sim.setCurrentA(amps);
        clock.sleepNanos(300_000_000L);
        return sim.peek(0x06);
    }

    @Test
    void the_published_front_end_files_keep_the_fixed_offset_model() {
        assertEquals(OffsetModel.FIXED, FrontEnd.load(SHUNT).offsetModel());
        assertEquals(OffsetModel.FIXED, FrontEnd.load(Path.of("hardware/kws302wf/frontends/ct.yaml")).offsetModel());
    }

    @Test
    void a_fixed_offset_is_440_counts_added_at_every_pga() {
        FrontEnd fe = FrontEnd.load(SHUNT);
        assertEquals(440, rmsI1(fe, 0x0000, 0));
        assertEquals(440, rmsI1(fe, 0x000C, 0));
        assertEquals(Math.round(2342.019 * 2 + 440), rmsI1(fe, 0x0000, 2), 1);
        assertEquals(Math.round(2342.019 * 16 * 2 + 440), rmsI1(fe, 0x000C, 2), 1);
    }

    @Test
    void quadrature_noise_adds_as_the_rms_of_signal_and_noise() {
        FrontEnd fe = FrontEnd.load(SHUNT).withCurrentOffset(440, OffsetModel.QUADRATURE);
        assertEquals(440, rmsI1(fe, 0x000C, 0));
        double signal = 2342.019 * 16 * 0.5;
        assertEquals(Math.round(Math.hypot(signal, 440)), rmsI1(fe, 0x000C, 0.5), 1);
    }

    @Test
    void the_offset_model_is_read_from_the_simulation_section() throws Exception {
        String text = Files.readString(SHUNT).replace("  currentOffset: 440", "  offsetModel: quadrature\n  currentOffset: 440");
        assertEquals(OffsetModel.QUADRATURE, FrontEnd.from(ConfNode.parse("fe.yaml", text)).offsetModel());
        String bad = Files.readString(SHUNT).replace("  currentOffset: 440", "  offsetModel: cubic\n  currentOffset: 440");
        assertThrows(ConfigException.class, () -> FrontEnd.from(ConfNode.parse("fe.yaml", bad)));
    }
}
