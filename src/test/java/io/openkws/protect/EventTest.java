package io.openkws.protect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Events as values: the number format design.md uses, cause spellings, and which decisions become events. */
class EventTest {

    @Test
    void numbers_round_to_three_decimals_and_always_show_a_decimal_point() {
        assertEquals("2300.0", Event.number(2300));
        assertEquals("0.0", Event.number(-0.0001));
        assertEquals("-1.5", Event.number(-1.5));
        assertEquals("1.235", Event.number(1.23456));
        assertEquals("10000000.0", Event.number(1e7));
        assertEquals("null", Event.number(Double.NaN));
    }

    @Test
    void every_cause_has_its_event_spelling() {
        assertEquals(List.of("startup", "power-on", "restore", "retry", "trip", "command", "button", "countdown"),
                java.util.Arrays.stream(Cause.values()).map(Cause::wire).toList());
    }

    @Test
    void decisions_map_to_their_events_and_reset_energy_to_none() {
        assertEquals(new Event.Relay(5, true, Cause.RETRY), new Decision.Close(Cause.RETRY).toEvent(5).orElseThrow());
        assertEquals(new Event.Trip(5, Fault.OPP, 1, 2), new Decision.Trip(Fault.OPP, 1, 2).toEvent(5).orElseThrow());
        assertEquals(java.util.Optional.empty(), new Decision.ResetEnergy().toEvent(5));
    }
}
