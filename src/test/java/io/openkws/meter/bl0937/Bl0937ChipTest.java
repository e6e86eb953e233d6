package io.openkws.meter.bl0937;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openkws.yaml.ConfNode;
import io.openkws.yaml.ConfigException;
import io.openkws.driver.bl0937.Bl0937Driver;
import io.openkws.driver.bl0937.Bl0937Scales;
import io.openkws.driver.bl0937.Bl0937Schedule;
import io.openkws.io.sim.bl0937.Bl0937Sim;
import io.openkws.meter.Meter;
import io.openkws.meter.Reading;
import io.openkws.time.VirtualClock;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The BL0937 behind the meter seam: the shared meter's readings and energy from the pulse simulator. */
class Bl0937ChipTest {

    private static final long MS = 1_000_000L;

    private final VirtualClock clock = new VirtualClock();
    private final Bl0937Sim sim = new Bl0937Sim(clock, Bl0937Sim.FrontEnd.REFERENCE, true, Bl0937Sim.DEFAULT_SETTLE_NANOS);
    private final Bl0937Profile profile = Bl0937Profile.load(Path.of("hardware/bl0937-generic/calibration.yaml"));
    private final Meter meter = new Meter(new Bl0937Chip(
            new Bl0937Driver(sim.cf(), sim.cf1(), sim.sel(), true, Bl0937Schedule.DEFAULT, clock), profile), clock);

    private void load(double volts, double amps, double pf) {
        sim.setVoltageV(volts);
        sim.setCurrentA(amps);
        sim.setPowerFactor(pf);
    }

    private Reading runUntil(long nanos) {
        Reading last = null;
        while (clock.nanoTime() < nanos) {
            last = meter.poll();
        }
        return last;
    }

    @Test
    void the_board_profile_gives_the_datasheet_reference_design_scales() {
        assertEquals(Bl0937Scales.referenceDesign(), profile.scales());
        assertEquals(0.185979, profile.scales().voltsPerHz(), 1e-6);
        assertEquals(0.0128701, profile.scales().ampsPerHz(), 1e-7);
        assertEquals(2.02600, profile.scales().wattsPerHz(), 1e-5);
    }

    @Test
    void measured_scales_in_a_profile_win_and_a_profile_without_any_is_refused_with_its_line() {
        Bl0937Profile p = Bl0937Profile.from(ConfNode.parse("cal.yaml",
                "referenceDesign: { shunt: 0.001, divider: 2351 }\nscales: { voltage: 0.2, current: 0.01, power: 2 }\n"));
        assertEquals(new Bl0937Scales(0.2, 0.01, 2), p.scales());
        ConfigException e = assertThrows(ConfigException.class,
                () -> Bl0937Profile.from(ConfNode.parse("cal.yaml", "name: x\n")));
        assertTrue(e.getMessage().startsWith("cal.yaml"), e.getMessage());
        assertTrue(e.getMessage().contains("scales or referenceDesign"), e.getMessage());
    }

    @Test
    void the_meter_reads_volts_amps_watts_and_power_factor_through_the_seam() {
        load(230, 4, 0.9);
        meter.start();
        Reading r = runUntil(3_000 * MS);
        assertEquals(230, r.voltageV(), 230 * 0.005);
        assertEquals(4, r.currentA(), 4 * 0.005);
        assertEquals(828, r.powerW(), 828 * 0.005);
        assertEquals(920, r.apparentPowerVA(), 920 * 0.01);
        assertEquals(0.9, r.powerFactor(), 0.01);
        assertEquals(0.0, r.frequencyHz(), "the BL0937 has no line frequency output");
        assertEquals(Bl0937Chip.RAW_NAMES.size(), r.raw().size());
        assertEquals(Math.round(sim.voltageHz() * 1000), r.raw().get("CF1_U_mHz"), 5);
    }

    @Test
    void energy_totals_count_cf_pulses_at_the_profile_energy_per_pulse() {
        load(230, 10, 1);
        meter.start();
        runUntil(120_000 * MS);
        double trueKWh = 2.3 * (clock.nanoTime() / 3.6e12);
        assertEquals(trueKWh, meter.energyKWh(), trueKWh * 0.005);
    }

    @Test
    void no_load_reads_zero_watts_zero_amps_and_power_factor_one() {
        load(230, 0, 1);
        meter.start();
        Reading r = runUntil(4_000 * MS);
        assertEquals(0.0, r.powerW());
        assertEquals(0.0, r.currentA());
        assertEquals(1.0, r.powerFactor());
        assertEquals(230, r.voltageV(), 230 * 0.005);
        assertEquals(0.0, meter.energyKWh());
    }
}
