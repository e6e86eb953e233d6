package io.openkws.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openkws.yaml.ConfigException;
import io.openkws.meter.history.Retention;
import io.openkws.protect.PowerOnState;
import io.openkws.protect.ProtectionSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configuration file: design.md's example, defaults, and errors that name file, line, key and range. */
class ConfigTest {

    static final String DESIGN_EXAMPLE = """
            board: hardware/kws302wf          # or "sim"
            protection:
              overVoltage:  { limit: 250.0, tripDelay: 0.5, hysteresis: 5.0 }     # limit 0 = off
              underVoltage: { limit: 180.0, tripDelay: 2.0, hysteresis: 5.0 }     # limit 0 = off
              overCurrent:  { limit: 0.0,  tripDelay: 1.0, instantFactor: 2.0, inrushBlanking: 1.0 }  # amps, 0 = off
              overPower:    { limit: 0.0,  tripDelay: 5.0 }                        # watts, 0 = off
              recoveryDelay: 30.0          # healthy-voltage time required before the relay (re)closes
              overloadRetries: 0           # automatic re-closes after OCP/OPP before lockout; 0 = stay off
              overloadRetryDelay: 30.0
              meterTimeout: 5.0            # no valid reading for this long = METER_LOST
            relay:
              powerOnState: memory         # off | on | memory
            mqtt:
              url: tcp://127.0.0.1:1883    # or ssl://...; "embedded" starts an in-process broker
              username: ~
              password: ~
              deviceId: ~                  # default derived from the host
              interval: 10.0
              discoveryPrefix: homeassistant
            """;

    @Test
    void design_md_s_example_reads_as_the_defaults() {
        Config c = Config.parse("c.yaml", DESIGN_EXAMPLE);
        assertEquals("hardware/kws302wf", c.board());
        assertEquals(ProtectionSettings.DEFAULTS, c.protection());
        assertEquals(PowerOnState.MEMORY, c.powerOnState());
        assertEquals("tcp://127.0.0.1:1883", c.mqtt().url());
        assertEquals(Optional.empty(), c.mqtt().deviceId());
        assertEquals(10.0, c.mqtt().intervalSeconds());
        assertEquals("homeassistant", c.mqtt().discoveryPrefix());
        assertEquals(Path.of("state"), c.stateDirectory());
        assertEquals(Optional.empty(), c.watchdog());
        assertEquals(0.0, c.display().screenTimeoutMinutes());
    }

    @Test
    void an_empty_file_gives_every_default_and_no_file_gives_the_simulated_board_with_the_embedded_broker() {
        Config empty = Config.parse("c.yaml", "");
        assertEquals("sim", empty.board());
        assertEquals(ProtectionSettings.DEFAULTS, empty.protection());
        Config none = Config.defaults();
        assertTrue(none.simulated());
        assertTrue(none.mqtt().embedded());
        assertEquals(empty.protection(), none.protection());
    }

    @Test
    void values_map_to_their_settings() {
        Config c = Config.parse("c.yaml", """
                protection:
                  overVoltage: { limit: 255, tripDelay: 0.2, hysteresis: 3 }
                  underVoltage: { limit: 0 }
                  overCurrent: { limit: 16, tripDelay: 2, instantFactor: 4, inrushBlanking: 0.5 }
                  overPower: { limit: 3500, tripDelay: 10 }
                  recoveryDelay: 60
                  overloadRetries: 3
                  overloadRetryDelay: 20
                  meterTimeout: 3
                  countdown: 3600
                relay: { powerOnState: on }
                mqtt: { url: embedded, deviceId: garage-1, username: ha, password: 1234, interval: 2 }
                state: /var/lib/openkws
                watchdog: /dev/watchdog
                display: { screenTimeout: 5 }
                """);
        ProtectionSettings p = c.protection();
        assertEquals(new ProtectionSettings(255, 0.2, 3, 0, 2.0, 5.0, 16, 2, 4, 0.5, 3500, 10, 60, 3, 20, 3, 3600), p);
        assertEquals(PowerOnState.ON, c.powerOnState());
        assertEquals(Optional.of("garage-1"), c.mqtt().deviceId());
        assertEquals(Optional.of("1234"), c.mqtt().password());
        assertTrue(c.mqtt().embedded());
        assertEquals(Path.of("/var/lib/openkws"), c.stateDirectory());
        assertEquals(Optional.of(Path.of("/dev/watchdog")), c.watchdog());
        assertEquals(5.0, c.display().screenTimeoutMinutes());
    }

    @Test
    void power_on_state_accepts_the_words_and_yaml_booleans() {
        assertEquals(PowerOnState.ON, Config.parse("c", "relay: { powerOnState: true }").powerOnState());
        assertEquals(PowerOnState.OFF, Config.parse("c", "relay: { powerOnState: off }").powerOnState());
        assertEquals(PowerOnState.OFF, Config.parse("c", "relay: { powerOnState: no }").powerOnState());
        assertEquals(PowerOnState.MEMORY, Config.parse("c", "relay: { powerOnState: Memory }").powerOnState());
    }

    @Test
    void an_unknown_key_is_rejected_with_its_path_and_line() {
        assertEquals("c.yaml:3: protection.overVoltage.delay: unknown key (allowed: limit, tripDelay, hysteresis)",
                error("board: sim\nprotection:\n  overVoltage: { delay: 1 }\n"));
        assertTrue(error("boards: sim\n").startsWith("c.yaml:1: boards: unknown key"));
        assertTrue(error("mqtt:\n  host: x\n").startsWith("c.yaml:2: mqtt.host: unknown key"));
    }

    @Test
    void an_out_of_range_value_names_key_line_and_range() {
        assertEquals("c.yaml:2: protection.overVoltage.limit: 999 is out of range (0 to 400)",
                error("protection:\n  overVoltage: { limit: 999 }\n"));
        assertEquals("c.yaml:3: mqtt.interval: 0.5 is out of range (1 to 86400)",
                error("mqtt:\n  url: embedded\n  interval: 0.5\n"));
        assertEquals("c.yaml:2: protection.overloadRetries: '1.5' is not a whole number",
                error("protection:\n  overloadRetries: 1.5\n"));
        assertTrue(error("relay:\n  powerOnState: maybe\n").startsWith("c.yaml:2: relay.powerOnState: 'maybe' is not one of"));
    }

    @Test
    void an_empty_healthy_band_is_rejected_at_the_protection_section() {
        String e = error("protection:\n  underVoltage: { limit: 245 }\n");
        assertTrue(e.startsWith("c.yaml:2: protection: no healthy voltage left"), e);
    }

    @Test
    void mqtt_values_are_checked() {
        assertTrue(error("mqtt: { url: http://x:1 }").contains("mqtt.url: 'http://x:1' the scheme must be"));
        assertTrue(error("mqtt: { url: 'tcp://' }").contains("mqtt.url"));
        assertTrue(error("mqtt: { deviceId: 'a/b' }").contains("mqtt.deviceId: 'a/b' must be"));
        assertTrue(error("mqtt: { discoveryPrefix: 'ha/#' }").contains("mqtt.discoveryPrefix"));
        assertTrue(error("mqtt: { caFile: ca.pem }").contains("mqtt.caFile"));
    }

    @Test
    void websocket_urls_are_refused_with_one_line_that_is_the_same_at_load_and_in_code() {
        for (String url : java.util.List.of("ws://broker:9001", "wss://broker:443")) {
            String atLoad = error("mqtt: { url: '" + url + "' }");
            assertEquals(1, atLoad.lines().count(), atLoad);
            assertTrue(atLoad.startsWith("c.yaml:1: mqtt.url: '" + url + "' uses "), atLoad);
            assertTrue(atLoad.contains("does not support (MQTT over websockets)"), atLoad);
            IllegalArgumentException inCode = assertThrows(IllegalArgumentException.class,
                    () -> MqttConfig.of(url, "m1"));
            assertTrue(atLoad.endsWith(inCode.getMessage().substring("mqtt.url ".length())),
                    atLoad + " / " + inCode.getMessage());
        }
    }

    @Test
    void a_port_outside_the_tcp_range_is_refused_at_load() {
        String e = error("mqtt: { url: 'tcp://127.0.0.1:99999' }");
        assertTrue(e.contains("mqtt.url: 'tcp://127.0.0.1:99999' has port 99999, outside 1 to 65535"), e);
        assertTrue(error("mqtt: { url: 'tcp://127.0.0.1:0' }").contains("outside 1 to 65535"));
    }

    @Test
    void credentials_inside_the_url_are_refused_without_being_echoed() {
        String e = error("mqtt: { url: 'tcp://meter:s3cret@broker:1883' }");
        assertTrue(e.contains("carries credentials; put them in mqtt.username and mqtt.password"), e);
        assertFalse(e.contains("s3cret"), e);
        assertFalse(e.contains("meter:"), e);
        assertEquals("tcp://***@broker:1883", MqttConfig.redacted("tcp://meter:s3cret@broker:1883"));
        MqttConfig withPassword = MqttConfig.of("tcp://broker:1883", "m1").withCredentials("meter", "s3cret");
        assertFalse(withPassword.toString().contains("s3cret"), withPassword.toString());
    }

    @Test
    void mqtt_settings_derive_a_topic_safe_device_id() {
        assertEquals("kitchen_meter-2", MqttConfig.sanitizeDeviceId(" Kitchen Meter-2 "));
        assertEquals("a_b_c_", MqttConfig.sanitizeDeviceId("a/b+c#"));
        assertEquals("openkws", MqttConfig.sanitizeDeviceId("   "));
        assertEquals(64, MqttConfig.sanitizeDeviceId("x".repeat(200)).length());
        String id = MqttConfig.of("tcp://127.0.0.1:1883", null).effectiveDeviceId();
        assertTrue(id.matches("[a-z0-9_-]+"), id);
        assertEquals(MqttConfig.defaultDeviceId(), id);
        assertTrue(MqttConfig.of("embedded", "m1").embedded());
        assertTrue(MqttConfig.of("ssl://broker.lan:8883", "m1").tls());
        assertThrows(IllegalArgumentException.class, () -> MqttConfig.of("http://x", "m1"));
        assertThrows(IllegalArgumentException.class, () -> MqttConfig.of("tcp://x:1883", "m1").withInterval(0.5));
    }

    @Test
    void tls_files_must_exist_and_go_with_an_ssl_url(@TempDir Path dir) throws Exception {
        Path ca = Files.writeString(dir.resolve("ca.pem"), "x");
        Path cert = Files.writeString(dir.resolve("c.pem"), "x");
        Config c = Config.parse("c.yaml", "mqtt:\n  url: ssl://broker:8883\n  caFile: " + ca + "\n");
        assertTrue(c.mqtt().tls());
        assertEquals(Optional.of(ca), c.mqtt().caFile());
        assertTrue(error("mqtt:\n  url: tcp://broker:1883\n  caFile: " + ca + "\n").startsWith("c.yaml:3: mqtt.caFile: needs an ssl://"));
        assertTrue(error("mqtt:\n  url: ssl://broker:8883\n  caFile: " + dir.resolve("none.pem") + "\n")
                .contains("is not a readable file"));
        assertTrue(error("mqtt:\n  url: ssl://broker:8883\n  clientCert: " + cert + "\n")
                .contains("clientCert and clientKey go together"));
    }

    @Test
    void history_retention_has_defaults_takes_values_and_rejects_unknown_keys_and_ranges() {
        assertEquals(Retention.DEFAULT, Config.parse("c.yaml", "").history());
        assertEquals(Retention.DEFAULT, Config.defaults().history());
        assertEquals(new Retention(48, 30),
                Config.parse("c.yaml", "history:\n  keepHours: 48\n  keepDays: 30\n").history());
        assertEquals(Retention.DEFAULT, Config.parse("c.yaml", "history:\n  keepHours: ~\n").history());
        assertEquals("c.yaml:2: history.keepHours: 3 is out of range (24 to 876600)",
                error("history:\n  keepHours: 3\n"));
        assertEquals("c.yaml:3: history.keepDays: 0 is out of range (1 to 36525)",
                error("history:\n  keepHours: 100\n  keepDays: 0\n"));
        assertTrue(error("history:\n  keepMonths: 12\n")
                .startsWith("c.yaml:2: history.keepMonths: unknown key (allowed: keepHours, keepDays)"));
    }

    @Test
    void a_missing_file_is_a_one_line_user_error(@TempDir Path dir) {
        ConfigException e = assertThrows(ConfigException.class, () -> Config.load(dir.resolve("nope.yaml")));
        assertTrue(e.getMessage().endsWith("file not found"));
        assertFalse(e.getMessage().contains("\n"));
    }

    private static String error(String yaml) {
        return assertThrows(ConfigException.class, () -> Config.parse("c.yaml", yaml)).getMessage();
    }
}
