package io.openkws.export.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StateJsonTest {

    static StateSnapshot sample(String relay, List<String> faults) {
        return new StateSnapshot(230.04, 1.23456, 283.96, 290.44, 61.26, 0.9777, 50.013, 12.34567, 0.4567, 1.2,
                3600, relay, faults, "NORMAL", 0, 3, 7200, "memory",
                Map.of("overVoltage", 250.0, "overVoltageTripDelay", 0.5000001, "overloadRetries", 2.0));
    }

    @Test
    void readings_are_rounded_to_their_honest_precision() throws Exception {
        JsonNode j = new ObjectMapper().readTree(new StateJson(TestSettings.SPECS).encode(sample("on", List.of())));
        assertEquals(230.0, j.get("voltage").asDouble());
        assertEquals(1.235, j.get("current").asDouble());
        assertEquals(284.0, j.get("power").asDouble());
        assertEquals(0.98, j.get("powerFactor").asDouble());
        assertEquals(50.01, j.get("frequency").asDouble());
        assertEquals(12.346, j.get("energy").asDouble());
        assertEquals(0.457, j.get("energyToday").asDouble());
        assertEquals(3600, j.get("runTime").asLong());
        assertEquals("on", j.get("relay").asText());
        assertTrue(j.get("faults").isArray() && j.get("faults").isEmpty());
        assertEquals("memory", j.get("powerOnState").asText());
        assertEquals(0.5, j.get("settings").get("overVoltageTripDelay").asDouble());
        assertEquals(2.0, j.get("settings").get("overloadRetries").asDouble());
    }

    @Test
    void a_missing_reading_is_null_and_faults_are_listed() throws Exception {
        StateSnapshot s = sample("off", List.of("METER_LOST", "OVP"));
        StateSnapshot lost = new StateSnapshot(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, s.energyKwh(), s.energyTodayKwh(), s.energyYesterdayKwh(), s.runTimeSeconds(),
                "off", s.faults(), "TRIPPED", 0, 9, 10, "off", Map.of());
        JsonNode j = new ObjectMapper().readTree(new StateJson(TestSettings.SPECS).encode(lost));
        assertTrue(j.get("voltage").isNull());
        assertTrue(j.get("frequency").isNull());
        assertEquals(12.346, j.get("energy").asDouble());
        assertEquals("METER_LOST", j.get("faults").get(0).asText());
        assertEquals("OVP", j.get("faults").get(1).asText());
    }

    @Test
    void decimals_follow_the_step_of_a_setting() {
        assertEquals(0, StateJson.decimals(1));
        assertEquals(0, StateJson.decimals(5));
        assertEquals(1, StateJson.decimals(0.5));
        assertEquals(1, StateJson.decimals(0.1));
        assertEquals(2, StateJson.decimals(0.01));
    }
}
