package io.openkws.io.sim.bl0937;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openkws.io.sim.board.SimEdgeInputPin;
import io.openkws.time.VirtualClock;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The BL0937 model's pulse trains against hand-computed datasheet frequencies. */
class Bl0937SimTest {

    private static final long MS = 1_000_000L;

    private final VirtualClock clock = new VirtualClock();
    /** SEL high = voltage, 10 ms settling. */
    private final Bl0937Sim chip = new Bl0937Sim(clock, Bl0937Sim.FrontEnd.REFERENCE, true, 10 * MS);

    private static long risingEdges(SimEdgeInputPin pin, VirtualClock clock, long forNanos) {
        long[] n = {0};
        pin.addEdgeListener((rising, nanos) -> n[0] += rising ? 1 : 0);
        clock.advanceTo(clock.nanoTime() + forNanos);
        return n[0];
    }

    @Test
    void frequencies_follow_the_datasheet_transfer_functions() {
        chip.setVoltageV(230);
        chip.setCurrentA(5);
        chip.setPowerFactor(1);
        // V(V) = 230 / 2351 = 0.0978307 V, V(I) = 5 A x 1 mOhm = 5 mV, Vref = 1.218 V
        assertEquals(15397 * 0.0978307 / 1.218, chip.voltageHz(), 0.01);      // 1236.7 Hz
        assertEquals(94638 * 0.005 / 1.218, chip.currentHz(), 0.01);          // 388.5 Hz
        assertEquals(1721506 * 0.0978307 * 0.005 / (1.218 * 1.218), chip.cfHz(), 0.01);   // 567.6 Hz
    }

    @Test
    void cf_pulses_at_the_power_frequency_and_cf1_follows_sel_after_settling() {
        chip.setVoltageV(230);
        chip.setCurrentA(5);
        assertEquals(568, risingEdges(chip.cf(), clock, 1_000 * MS), 1);
        chip.sel().set(false);
        assertEquals(389, risingEdges(chip.cf1(), clock, 1_000 * MS), 1);
        chip.sel().set(true);
        assertTrue(!chip.cf1CarriesVoltage(), "still current while settling");
        clock.advanceTo(clock.nanoTime() + 10 * MS);
        assertTrue(chip.cf1CarriesVoltage());
        assertEquals(1237, risingEdges(chip.cf1(), clock, 1_000 * MS), 1);
    }

    @Test
    void no_load_and_an_open_relay_give_no_cf_pulses() {
        chip.setVoltageV(230);
        chip.setCurrentA(0);
        assertEquals(0, risingEdges(chip.cf(), clock, 2_000 * MS));
        AtomicBoolean closed = new AtomicBoolean(true);
        chip.setCurrentA(10);
        chip.setLoadConnected(closed::get);
        assertTrue(risingEdges(chip.cf(), clock, 100 * MS) > 100);
        closed.set(false);
        clock.advanceTo(clock.nanoTime() + Bl0937Sim.LOAD_CHECK_NANOS);
        assertEquals(0, risingEdges(chip.cf(), clock, 1_000 * MS));
        assertEquals(0.0, chip.truePowerW());
    }

    @Test
    void injected_gain_errors_and_a_current_offset_shift_the_frequencies_as_the_knobs_say() {
        chip.setVoltageV(230);
        chip.setCurrentA(5);
        chip.setPowerFactor(1);
        double v = chip.voltageHz();
        double i = chip.currentHz();
        double p = chip.cfHz();
        chip.setErrors(new Bl0937Sim.Errors(0.02, -0.03, 0.01, 8, io.openkws.io.sim.ht7017.FrontEnd.OffsetModel.FIXED, 3));
        assertEquals(v * 1.02, chip.voltageHz(), 1e-9);
        assertEquals(i * 0.97 + 8, chip.currentHz(), 1e-9);
        assertEquals(p * 1.01 + 3, chip.cfHz(), 1e-9);
        chip.setErrors(new Bl0937Sim.Errors(0, 0, 0, 8, io.openkws.io.sim.ht7017.FrontEnd.OffsetModel.QUADRATURE, 0));
        assertEquals(Math.hypot(i, 8), chip.currentHz(), 1e-9);
        chip.setCurrentA(0);
        assertEquals(8, chip.currentHz(), 1e-9, "the offset is there at no load");
        assertEquals(0, chip.cfHz(), "no CF pulses without current");
    }

    @Test
    void edge_jitter_moves_edges_but_keeps_the_trains_rate() {
        chip.setVoltageV(230);
        chip.setCurrentA(5);
        chip.setErrors(new Bl0937Sim.Errors(0, 0, 0, 0, io.openkws.io.sim.ht7017.FrontEnd.OffsetModel.FIXED, 0, 50_000));
        java.util.List<Long> times = new java.util.ArrayList<>();
        chip.cf().addEdgeListener((rising, nanos) -> {
            if (rising) {
                times.add(nanos);
            }
        });
        clock.advanceTo(clock.nanoTime() + 2_000 * MS);
        double period = 1e9 / chip.cfHz();
        double worst = 0;
        for (int k = 1; k < times.size(); k++) {
            worst = Math.max(worst, Math.abs(times.get(k) - times.get(k - 1) - period));
        }
        assertTrue(worst > 20_000 && worst < 0.25 * period, () -> "period deviations up to " + times.size());
        assertEquals(2 * chip.cfHz(), times.size(), 2, "no edge lost or added");
    }
}
