package io.openkws.export.mqtt;

import io.openkws.protect.SettingSpec;

import java.util.List;

/** The setting table the MQTT tests use, shaped like the protection settings of the design. */
final class TestSettings {

    static final List<SettingSpec> SPECS = List.of(
            new SettingSpec("overVoltage", "V", 0, 300, 0.5),
            new SettingSpec("overVoltageTripDelay", "s", 0.1, 60, 0.1),
            new SettingSpec("overCurrent", "A", 0, 63, 0.01),
            new SettingSpec("overloadRetries", "", 0, 10, 1));

    private TestSettings() {
    }
}
