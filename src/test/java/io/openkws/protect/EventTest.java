package io.openkws.protect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The event lines must match design.md byte for byte: key order, 3-decimal times, numbers with a decimal point. */
class EventTest {

    @Test
    void events_are_written_exactly_as_design_md_shows_them() {
        assertEquals("{\"t\":0.000,\"type\":\"relay\",\"state\":\"off\",\"cause\":\"startup\"}",
                new Event.Relay(0, false, Cause.STARTUP).toJson());
        assertEquals("{\"t\":30.200,\"type\":\"relay\",\"state\":\"on\",\"cause\":\"power-on\"}",
                new Event.Relay(30_200_000_000L, true, Cause.POWER_ON).toJson());
        assertEquals("{\"t\":40.700,\"type\":\"trip\",\"fault\":\"OVP\",\"value\":262.0,\"limit\":250.0}",
                new Event.Trip(40_700_000_000L, Fault.OVP, 262, 250).toJson());
        assertEquals("{\"t\":80.000,\"type\":\"refused\",\"command\":\"relayOn\",\"reason\":\"voltage unhealthy\"}",
                new Event.Refused(80_000_000_000L, Command.RELAY_ON, "voltage unhealthy").toJson());
        assertEquals("{\"t\":90.000,\"type\":\"lockout\",\"fault\":\"OCP\"}",
                new Event.Lockout(90_000_000_000L, Fault.OCP).toJson());
        assertEquals("{\"t\":1.000,\"type\":\"reading\",\"voltage\":229.87,\"current\":0.0,\"power\":0.5}",
                new Event.Reading(1_000_000_000L, 229.87, 0, 0.5).toJson());
    }

    @Test
    void times_round_to_the_millisecond_and_numbers_to_three_decimals() {
        assertEquals("12.346", Event.seconds(12_345_600_000L));
        assertEquals("0.001", Event.seconds(999_999));
        assertEquals("3600.000", Event.seconds(3_600_000_000_000L));
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
    void reasons_are_escaped_into_valid_json() throws Exception {
        String json = new Event.Refused(0, Command.RELAY_ON, "say \"no\"\n").toJson();
        JsonNode node = new ObjectMapper().readTree(json);
        assertEquals("say \"no\"\n", node.get("reason").asText());
    }

    @Test
    void decisions_map_to_their_events_and_reset_energy_to_none() {
        assertEquals(new Event.Relay(5, true, Cause.RETRY), new Decision.Close(Cause.RETRY).toEvent(5).orElseThrow());
        assertEquals(new Event.Trip(5, Fault.OPP, 1, 2), new Decision.Trip(Fault.OPP, 1, 2).toEvent(5).orElseThrow());
        assertEquals(java.util.Optional.empty(), new Decision.ResetEnergy().toEvent(5));
    }
}
