package io.openkws.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HumanNumbersTest {

    @Test
    void a_small_negative_value_is_shown_as_zero_without_a_sign() {
        assertEquals("0.0", HumanNumbers.fixed(-0.04, 1));
        assertEquals("0.0", HumanNumbers.fixed(-0.0, 1));
        assertEquals("0.000", HumanNumbers.fixed(-0.0004, 3));
        assertEquals("0", HumanNumbers.fixed(-0.2, 0));
    }

    @Test
    void a_negative_value_that_does_not_round_to_zero_keeps_its_sign() {
        assertEquals("-0.1", HumanNumbers.fixed(-0.06, 1));
        assertEquals("-12.5", HumanNumbers.fixed(-12.5, 1));
        assertEquals("3.142", HumanNumbers.fixed(Math.PI, 3));
    }

    @Test
    void the_status_line_reading_of_a_meter_at_rest_has_no_negative_zero() {
        assertEquals("230.0 V 0.000 A 0.0 W 50.00 Hz", HumanNumbers.statusReading(230.04, -0.0003, -0.04, 50.001));
    }

    @Test
    void unsigned_zero_keeps_the_value_unless_it_rounds_to_zero() {
        assertEquals(0.0, HumanNumbers.unsignedZero(-0.04, 1));
        assertEquals(Double.doubleToLongBits(0.0), Double.doubleToLongBits(HumanNumbers.unsignedZero(-0.0, 1)));
        assertEquals(-0.06, HumanNumbers.unsignedZero(-0.06, 1));
    }
}
