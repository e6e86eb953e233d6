package io.openkws.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openkws.driver.ht7017.Ht7017Frames;
import io.openkws.driver.ht7017.Ht7017Register;
import org.junit.jupiter.api.Test;

/** The reading ages are time-weighted ages since the chip computed the value the host holds. */
class ReadingAgesTest {

    private static final long MS = 1_000_000L;
    private static final double REPLY_MS = 4 * Ht7017Frames.BYTE_NANOS / 1e6;

    @Test
    void a_value_read_once_per_update_just_after_it_ages_uniformly_over_the_period() {
        ReadingAges ages = new ReadingAges();
        ages.start();
        int u = Ht7017Register.RMS_U.address();
        for (long k = 0; k <= 1000; k++) {
            long update = k * 100 * MS;
            ages.registerRead(u, update + 2 * MS, update);
        }
        double youngest = 2 + REPLY_MS;
        assertEquals(youngest + 50, ages.percentileMs(ReadingAges.Quantity.VOLTAGE, 50), 0.01);
        assertEquals(youngest + 99, ages.percentileMs(ReadingAges.Quantity.VOLTAGE, 99), 0.01);
        assertTrue(Double.isNaN(ages.percentileMs(ReadingAges.Quantity.CURRENT, 50)), "never read");
    }

    @Test
    void reads_before_start_only_set_the_value_held_and_a_later_read_of_the_same_update_makes_it_no_younger() {
        ReadingAges ages = new ReadingAges();
        int i = Ht7017Register.RMS_I1.address();
        ages.registerRead(i, 10 * MS, 0);
        ages.start();
        ages.registerRead(i, 60 * MS, 0);
        ages.registerRead(i, 110 * MS, 100 * MS);
        double p100 = ages.percentileMs(ReadingAges.Quantity.CURRENT, 100);
        assertEquals(110 + REPLY_MS, p100, 0.01, "the value computed at 0 was held until the read of the next update arrived");
        double p0 = ages.percentileMs(ReadingAges.Quantity.CURRENT, 0);
        assertEquals(10 + REPLY_MS, p0, 0.01);
    }
}
