package io.openkws.meter.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;


import org.junit.jupiter.api.Test;

/** The current offset model solved from hand-computed readings: k = 100 counts/A, a = 30, n = 40. */
class CurrentModelTest {

    private static double r2(double amps) {
        return Math.pow(100 * amps + 30, 2) + 1600;
    }

    @Test
    void no_load_and_two_currents_give_gain_linear_offset_and_noise_exactly() {
        CurrentModel m = CurrentModel.exact(50, 10, r2(10), 1, r2(1));
        assertEquals(100, m.scale(), 1e-9);
        assertEquals(30, m.linearCounts(), 1e-9);
        assertEquals(1600, m.quadratureCounts2(), 1e-6);
        assertEquals(0.5, m.amps(r2(0.5)), 1e-12);
        assertEquals(0, m.amps(2500), 1e-12);
        assertTrue(m.source().startsWith("measured at no load, 1.000 A and 10.000 A: 30 counts add to the signal, 40 in quadrature"), m.source());
    }

    @Test
    void one_current_takes_the_zero_reading_as_noise_and_reads_high_when_it_was_not() {
        CurrentModel m = CurrentModel.noise(50, 10, r2(10));
        assertEquals(0, m.linearCounts());
        assertEquals(2500, m.quadratureCounts2());
        assertEquals(10, m.amps(r2(10)), 1e-9);
        assertTrue(m.amps(r2(0.5)) > 0.5 * 1.02, "the cost of not knowing: " + m.amps(r2(0.5)));
    }

    @Test
    void kept_offsets_set_only_the_gain() {
        CurrentModel m = CurrentModel.kept(30, 1600, "kept", 10, r2(10));
        assertEquals(100, m.scale(), 1e-9);
        assertEquals(0.5, m.amps(r2(0.5)), 1e-12);
    }

    @Test
    void a_low_point_that_contradicts_the_others_is_refused() {
        CalibrationException e = assertThrows(CalibrationException.class, () -> CurrentModel.exact(50, 10, r2(10), 1, r2(10) / 5));
        assertTrue(e.getMessage().contains("does not fit") || e.getMessage().contains("more than the no-load reading"), e.getMessage());
    }
}
