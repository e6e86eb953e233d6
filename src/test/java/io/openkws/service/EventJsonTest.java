package io.openkws.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.openkws.protect.Alarm;
import io.openkws.protect.Cause;
import io.openkws.protect.Command;
import io.openkws.protect.Event;
import io.openkws.protect.Fault;
import org.junit.jupiter.api.Test;

/** The event lines must match design.md byte for byte: key order, 3-decimal times, numbers with a decimal point. */
class EventJsonTest {

    @Test
    void events_are_written_exactly_as_design_md_shows_them() {
        assertEquals("{\"t\":0.000,\"type\":\"relay\",\"state\":\"off\",\"cause\":\"startup\"}",
                EventJson.line(new Event.Relay(0, false, Cause.STARTUP)));
        assertEquals("{\"t\":30.200,\"type\":\"relay\",\"state\":\"on\",\"cause\":\"power-on\"}",
                EventJson.line(new Event.Relay(30_200_000_000L, true, Cause.POWER_ON)));
        assertEquals("{\"t\":40.700,\"type\":\"trip\",\"fault\":\"OVP\",\"value\":262.0,\"limit\":250.0}",
                EventJson.line(new Event.Trip(40_700_000_000L, Fault.OVP, 262, 250)));
        assertEquals("{\"t\":80.000,\"type\":\"refused\",\"command\":\"relayOn\",\"reason\":\"voltage unhealthy\"}",
                EventJson.line(new Event.Refused(80_000_000_000L, Command.RELAY_ON, "voltage unhealthy")));
        assertEquals("{\"t\":90.000,\"type\":\"lockout\",\"fault\":\"OCP\"}",
                EventJson.line(new Event.Lockout(90_000_000_000L, Fault.OCP)));
        assertEquals("{\"t\":1.000,\"type\":\"reading\",\"voltage\":229.87,\"current\":0.0,\"power\":0.5}",
                EventJson.line(new Event.Reading(1_000_000_000L, 229.87, 0, 0.5)));
    }

    @Test
    void alarms_carry_their_value_only_when_it_is_finite_and_say_when_they_clear() {
        assertEquals("{\"t\":2.000,\"type\":\"alarm\",\"alarm\":\"RELAY_WELDED\",\"value\":1.25}",
                EventJson.line(new Event.AlarmRaised(2_000_000_000L, Alarm.RELAY_WELDED, 1.25)));
        assertEquals("{\"t\":2.000,\"type\":\"alarm\",\"alarm\":\"COIL_FAILURE\"}",
                EventJson.line(new Event.AlarmRaised(2_000_000_000L, Alarm.COIL_FAILURE, Double.NaN)));
        assertEquals("{\"t\":3.000,\"type\":\"alarm\",\"alarm\":\"COIL_FAILURE\",\"cleared\":true}",
                EventJson.line(new Event.AlarmCleared(3_000_000_000L, Alarm.COIL_FAILURE)));
    }

    @Test
    void times_round_half_up_to_the_millisecond() {
        assertEquals("12.346", EventJson.seconds(12_345_600_000L));
        assertEquals("0.001", EventJson.seconds(999_999));
        assertEquals("3600.000", EventJson.seconds(3_600_000_000_000L));
    }

    @Test
    void reasons_are_escaped_into_valid_json() throws Exception {
        String json = EventJson.line(new Event.Refused(0, Command.RELAY_ON, "say \"no\"\n"));
        JsonNode node = new ObjectMapper().readTree(json);
        assertEquals("say \"no\"\n", node.get("reason").asText());
    }
}
