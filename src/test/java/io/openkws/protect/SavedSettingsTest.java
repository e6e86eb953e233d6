package io.openkws.protect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SavedSettingsTest {

    private static final SettingSpec SCREEN = new SettingSpec("screenTimeout", "min", 0, 60, 1);
    private static final ProtectionSettings CONFIGURED = ProtectionSettings.DEFAULTS;

    private static SavedSettings apply(Map<String, String> saved) {
        return SavedSettings.apply(CONFIGURED, PowerOnState.MEMORY, List.of(SCREEN), saved);
    }

    @Test
    void valid_saved_settings_override_the_configured_ones_and_are_kept() {
        SavedSettings s = apply(Map.of("overVoltage", "245.0", "powerOnState", "on", "screenTimeout", "5"));
        assertEquals(245.0, s.protection().get("overVoltage"));
        assertEquals(PowerOnState.ON, s.powerOnState());
        assertEquals(Map.of("overVoltage", "245.0", "powerOnState", "on", "screenTimeout", "5"), s.kept());
        assertEquals(List.of(), s.warnings());
        assertFalse(s.droppedAny());
    }

    @Test
    void invalid_saved_settings_are_dropped_with_one_warning_each() {
        SavedSettings s = apply(Map.of("overVoltage", "999", "overCurrent", "abc", "overloadRetries", "1.5",
                "powerOnState", "sideways", "screenTimeout", "600", "bogus", "1", "recoveryDelay", "10"));
        assertEquals(CONFIGURED.get("overVoltage"), s.protection().get("overVoltage"));
        assertEquals(10.0, s.protection().get("recoveryDelay"));
        assertEquals(PowerOnState.MEMORY, s.powerOnState());
        assertEquals(Map.of("recoveryDelay", "10"), s.kept());
        assertEquals(List.of(
                "saved setting bogus=1 dropped: unknown setting (the config file's value applies)",
                "saved setting overCurrent=abc dropped: not a number (the config file's value applies)",
                "saved setting overVoltage=999 dropped: out of range (0 to 400 V) (the config file's value applies)",
                "saved setting overloadRetries=1.5 dropped: not a whole number (the config file's value applies)",
                "saved setting powerOnState=sideways dropped: not off, on or memory (the config file's value"
                        + " applies)",
                "saved setting screenTimeout=600 dropped: out of range (0 to 60) (the config file's value applies)"),
                s.warnings());
        assertTrue(s.droppedAny());
    }

    @Test
    void once_dropped_the_kept_settings_load_without_a_warning() {
        SavedSettings first = apply(Map.of("overVoltage", "999", "recoveryDelay", "10"));
        assertEquals(1, first.warnings().size());
        SavedSettings next = apply(first.kept());
        assertEquals(List.of(), next.warnings());
        assertEquals(first.protection(), next.protection());
    }

    @Test
    void saved_limits_valid_only_together_apply_together() {
        assertTrue(CONFIGURED.with("overVoltage", 186) instanceof SettingResult.Rejected,
                "186 V alone leaves no healthy band above the configured 180 V under-voltage limit");
        SavedSettings s = apply(Map.of("overVoltage", "186", "underVoltage", "150"));
        assertEquals(186.0, s.protection().get("overVoltage"));
        assertEquals(150.0, s.protection().get("underVoltage"));
        assertEquals(List.of(), s.warnings());
    }

    @Test
    void a_saved_limit_inconsistent_with_a_changed_config_is_dropped() {
        SavedSettings s = apply(Map.of("underVoltage", "249"));
        assertEquals(CONFIGURED.get("underVoltage"), s.protection().get("underVoltage"));
        assertEquals(Map.of(), s.kept());
        assertEquals(1, s.warnings().size());
        assertTrue(s.warnings().getFirst().startsWith("saved setting underVoltage=249 dropped: inconsistent with the"
                + " others (underVoltage: "), s.warnings().getFirst());
    }

    @Test
    void a_huge_saved_value_is_not_echoed_whole() {
        SavedSettings s = apply(Map.of("overVoltage", "9".repeat(100_000)));
        assertTrue(s.warnings().getFirst().length() < 200, s.warnings().getFirst());
    }

    @Test
    void provenance_names_each_saved_setting_in_force_and_its_configured_value() {
        Map<String, String> configured = SavedSettings.configuredValues(CONFIGURED, PowerOnState.MEMORY,
                Map.of("screenTimeout", "0"));
        assertEquals(Optional.of("settings saved at run time override the config file: overVoltage 245 (config"
                + " file: 250), powerOnState on (config file: memory), recoveryDelay 30 (same as the config file),"
                + " screenTimeout 5 (config file: 0); every other setting is from the config file"),
                SavedSettings.provenance(configured, Map.of("overVoltage", "245.0", "powerOnState", "on",
                        "recoveryDelay", "30.0", "screenTimeout", "5")));
    }

    @Test
    void provenance_says_nothing_when_nothing_saved_is_in_force() {
        assertEquals(Optional.empty(), SavedSettings.provenance(Map.of("overVoltage", "250"), Map.of()));
    }
}
