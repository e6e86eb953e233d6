package io.openkws.export.mqtt;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MqttSettingsTest {

    @Test
    void device_ids_are_sanitised_to_topic_safe_characters() {
        assertEquals("kitchen_meter-2", MqttSettings.sanitizeDeviceId(" Kitchen Meter-2 "));
        assertEquals("a_b_c_", MqttSettings.sanitizeDeviceId("a/b+c#"));
        assertEquals("openkws", MqttSettings.sanitizeDeviceId("   "));
        assertEquals(64, MqttSettings.sanitizeDeviceId("x".repeat(200)).length());
    }

    @Test
    void the_default_device_id_comes_from_the_host_and_is_sanitised() {
        String id = MqttSettings.of("tcp://127.0.0.1:1883", null).deviceId();
        assertTrue(id.matches("[a-z0-9_-]+"), id);
        assertEquals(MqttSettings.defaultDeviceId(), id);
    }

    @Test
    void embedded_points_at_the_local_broker_and_bad_values_are_refused() {
        MqttSettings embedded = MqttSettings.of("embedded", "m1");
        assertTrue(embedded.embedded());
        assertEquals("tcp://127.0.0.1:1883", embedded.serverUri());
        assertFalse(embedded.tls());
        assertTrue(MqttSettings.of("ssl://broker.lan:8883", "m1").tls());
        assertThrows(IllegalArgumentException.class, () -> MqttSettings.of("http://x", "m1"));
        assertThrows(IllegalArgumentException.class, () -> MqttSettings.of("tcp://x:1883", "m1").withInterval(0.5));
        assertEquals("homeassistant", embedded.discoveryPrefix());
    }

    @Test
    void the_password_never_appears_in_logs() {
        MqttSettings s = new MqttSettings("tcp://x:1883", "u", "secret", "m1", 10, null, null, null, null);
        assertFalse(s.toString().contains("secret"));
    }
}
