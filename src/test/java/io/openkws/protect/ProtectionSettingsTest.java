package io.openkws.protect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Defaults, names and ranges shared by config, menus and MQTT, and the one-change-at-a-time API. */
class ProtectionSettingsTest {

    @Test
    void the_defaults_are_design_md_s() {
        ProtectionSettings d = ProtectionSettings.DEFAULTS;
        assertEquals(List.of(250.0, 0.5, 5.0, 180.0, 2.0, 5.0), List.of(d.overVoltageV(), d.overVoltageDelaySeconds(),
                d.overVoltageHysteresisV(), d.underVoltageV(), d.underVoltageDelaySeconds(), d.underVoltageHysteresisV()));
        assertEquals(List.of(0.0, 1.0, 2.0, 1.0, 0.0, 5.0), List.of(d.overCurrentA(), d.overCurrentDelaySeconds(),
                d.instantFactor(), d.inrushBlankingSeconds(), d.overPowerW(), d.overPowerDelaySeconds()));
        assertEquals(30.0, d.recoveryDelaySeconds());
        assertEquals(0, d.overloadRetries());
        assertEquals(30.0, d.overloadRetryDelaySeconds());
        assertEquals(5.0, d.meterTimeoutSeconds());
        assertEquals(0.0, d.countdownSeconds());
        assertTrue(d.problem().isEmpty());
    }

    @Test
    void the_run_time_settings_are_the_mqtt_names() {
        assertEquals(List.of("overVoltage", "overVoltageDelay", "underVoltage", "underVoltageDelay", "overCurrent",
                "overCurrentDelay", "overPower", "overPowerDelay", "recoveryDelay", "overloadRetries",
                "overloadRetryDelay", "countdown"), ProtectionSettings.SPECS.stream().map(SettingSpec::name).toList());
        for (SettingSpec s : ProtectionSettings.ALL_SPECS) {
            assertTrue(s.accepts(ProtectionSettings.DEFAULTS.get(s.name())), s.name() + " default within its range");
        }
    }

    @Test
    void a_valid_change_returns_new_settings_and_leaves_the_old_ones() {
        SettingResult r = ProtectionSettings.DEFAULTS.with("overVoltage", 255);
        assertEquals(255.0, assertInstanceOf(SettingResult.Applied.class, r).settings().overVoltageV());
        assertEquals(250.0, ProtectionSettings.DEFAULTS.overVoltageV());
        assertEquals(3, ((SettingResult.Applied) ProtectionSettings.DEFAULTS.with("overloadRetries", 3)).settings()
                .overloadRetries());
    }

    @Test
    void bad_changes_are_rejected_with_a_reason() {
        assertEquals("overVoltage: 999.0 is out of range (0 to 400 V)",
                assertInstanceOf(SettingResult.Rejected.class, ProtectionSettings.DEFAULTS.with("overVoltage", 999)).error());
        assertEquals("unknown setting 'meterTimeout'",
                assertInstanceOf(SettingResult.Rejected.class, ProtectionSettings.DEFAULTS.with("meterTimeout", 3)).error());
        assertEquals("overloadRetries: 1.5 is not a whole number",
                assertInstanceOf(SettingResult.Rejected.class, ProtectionSettings.DEFAULTS.with("overloadRetries", 1.5)).error());
        String empty = assertInstanceOf(SettingResult.Rejected.class,
                ProtectionSettings.DEFAULTS.with("underVoltage", 242)).error();
        assertTrue(empty.startsWith("underVoltage: no healthy voltage left"), empty);
        assertInstanceOf(SettingResult.Rejected.class, ProtectionSettings.DEFAULTS.with("countdown", Double.NaN));
    }

    @Test
    void the_healthy_band_has_hysteresis_and_an_off_limit_leaves_its_side_open() {
        ProtectionSettings d = ProtectionSettings.DEFAULTS;
        assertTrue(d.healthy(185) && d.healthy(245));
        assertFalse(d.healthy(184.9) || d.healthy(245.1) || d.healthy(Double.NaN));
        ProtectionSettings noUnder = ((SettingResult.Applied) d.with("underVoltage", 0)).settings();
        assertTrue(noUnder.healthy(0));
        assertFalse(noUnder.healthy(246));
    }
}
