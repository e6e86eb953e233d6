package io.openkws.export.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.openkws.protect.Alarm;
import io.openkws.protect.Fault;
import io.openkws.protect.PowerOnState;
import io.openkws.protect.ProtectionEngine;
import io.openkws.protect.ProtectionSettings;
import io.openkws.service.DeviceInfo;
import io.openkws.service.DeviceView;
import io.openkws.service.NetworkIndicator;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StateJsonTest {

    private static final StateJson ENCODER = new StateJson(DeviceInfo.runTimeSettings());

    static DeviceView sample(boolean relay, Set<Fault> faults, DeviceView.Measurement reading) {
        ProtectionSettings settings = ((io.openkws.protect.SettingResult.Applied) ProtectionSettings.DEFAULTS
                .with("overVoltageDelay", 0.5000001)).settings();
        return new DeviceView(reading, new DeviceView.Totals(12.34567, 0.4567, 1.2, 3.4444, 40.2, 3600, 0), relay, relay,
                faults.isEmpty() ? ProtectionEngine.State.ON : ProtectionEngine.State.TRIPPED, faults,
                Set.of(Alarm.COIL_FAILURE), settings, PowerOnState.MEMORY, 5, 90, 0, 7200.9, 3, true,
                NetworkIndicator.OFF, Map.of("mqtt", "connection lost"));
    }

    static final DeviceView.Measurement READING = new DeviceView.Measurement(230.04, 1.23456, 283.96, 290.44, 61.26,
            0.9777, 50.013, 10);

    private static JsonNode encode(DeviceView v) throws Exception {
        return new ObjectMapper().readTree(ENCODER.encode(v, v.totals().energyKWh(), v.totals().energyTodayKWh()));
    }

    @Test
    void readings_are_rounded_to_their_honest_precision() throws Exception {
        JsonNode j = encode(sample(true, Set.of(), READING));
        assertEquals(230.0, j.get("voltage").asDouble());
        assertEquals(1.235, j.get("current").asDouble());
        assertEquals(284.0, j.get("power").asDouble());
        assertEquals(0.98, j.get("powerFactor").asDouble());
        assertEquals(50.01, j.get("frequency").asDouble());
        assertEquals(12.346, j.get("energy").asDouble());
        assertEquals(0.457, j.get("energyToday").asDouble());
        assertEquals(3.444, j.get("energyThisMonth").asDouble());
        assertEquals(40.2, j.get("energyLastMonth").asDouble());
        assertEquals(3600, j.get("runTime").asLong());
        assertEquals(7200, j.get("uptime").asLong());
        assertEquals("on", j.get("relay").asText());
        assertEquals("closed", j.get("contacts").asText());
        assertTrue(j.get("faults").isArray() && j.get("faults").isEmpty());
        assertEquals("COIL_FAILURE", j.get("alarms").get(0).asText());
        assertEquals("memory", j.get("powerOnState").asText());
        assertEquals("connection lost", j.get("degraded").get("mqtt").asText());
        assertEquals(0.5, j.get("settings").get("overVoltageDelay").asDouble());
        assertEquals(ProtectionSettings.DEFAULTS.get("overloadRetries"), j.get("settings").get("overloadRetries").asDouble());
    }

    @Test
    void every_setting_is_present_and_the_countdown_setting_is_apart_from_the_time_left() throws Exception {
        JsonNode j = encode(sample(false, Set.of(), READING));
        for (var spec : DeviceInfo.runTimeSettings()) {
            assertTrue(j.get("settings").has(spec.name()), spec.name());
            assertFalse(j.get("settings").get(spec.name()).isNull(), spec.name());
        }
        assertEquals(5, j.get("settings").get("screenTimeout").asInt());
        assertEquals((long) ProtectionSettings.DEFAULTS.get("countdown"), j.get("countdown").asLong());
        assertEquals(90, j.get("countdownLeft").asLong());
    }

    @Test
    void a_missing_reading_is_null_and_faults_and_lockout_are_listed() throws Exception {
        JsonNode j = encode(sample(false, Set.of(Fault.METER_LOST, Fault.OVP), null));
        assertTrue(j.get("voltage").isNull());
        assertTrue(j.get("frequency").isNull());
        assertEquals(12.346, j.get("energy").asDouble());
        assertEquals("OVP", j.get("faults").get(0).asText());
        assertEquals("METER_LOST", j.get("faults").get(1).asText());
        assertEquals("tripped", j.get("protection").asText());
        assertFalse(j.get("lockout").asBoolean());
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
