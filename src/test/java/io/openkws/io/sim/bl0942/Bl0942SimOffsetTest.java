package io.openkws.io.sim.bl0942;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.openkws.driver.bl0942.Bl0942Driver;
import io.openkws.driver.bl0942.Bl0942Packet;
import io.openkws.driver.bl0942.Bl0942Register;
import io.openkws.io.sim.ht7017.FrontEnd.OffsetModel;
import io.openkws.time.VirtualClock;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The BL0942 model's current offset (fixed at every GAIN_CR, or in quadrature) and WATT offset knobs. */
class Bl0942SimOffsetTest {

    private final VirtualClock clock = new VirtualClock();

    private Bl0942Packet packet(Bl0942FrontEnd fe, double amps, int gainCr) {
        Bl0942Sim sim = new Bl0942Sim(clock, fe);
        sim.setVoltageV(230);
        sim.setCurrentA(amps);
        sim.setPowerFactor(1);
        sim.setFrequencyHz(50);
        Bl0942Driver d = new Bl0942Driver(new SimBl0942Link(sim, clock), clock);
        d.init(Map.of(Bl0942Register.GAIN_CR, gainCr));
        clock.sleepNanos(1_000_000_000L);
        return d.readPacket();
    }

    @Test
    void a_fixed_offset_adds_the_same_counts_at_every_gain_setting() {
        Bl0942FrontEnd plain = Bl0942FrontEnd.referenceDesign();
        Bl0942FrontEnd offset = plain.withOffsets(3000, OffsetModel.FIXED, -40);
        for (int gain : new int[] {2, 3}) {
            Bl0942Packet a = packet(plain, 1, gain);
            Bl0942Packet b = packet(offset, 1, gain);
            assertEquals(a.iRms() + 3000, b.iRms(), 1, "GAIN_CR " + gain);
            assertEquals(a.watt() - 40, b.watt(), 1);
        }
        assertEquals(3000, packet(offset, 0, 2).iRms(), 1, "the offset is there at no load");
    }

    @Test
    void a_quadrature_offset_adds_like_noise() {
        Bl0942Packet a = packet(Bl0942FrontEnd.referenceDesign(), 0.5, 2);
        Bl0942Packet b = packet(Bl0942FrontEnd.referenceDesign().withOffsets(30000, OffsetModel.QUADRATURE, 0), 0.5, 2);
        assertEquals(Math.hypot(a.iRms(), 30000), b.iRms(), 1);
    }
}
