package io.openkws.protect;

/**
 * What a user-adjustable setting accepts: its name (as used in {@code set/<name>} MQTT topics and on-device
 * menus), unit, range and step.
 *
 * <p>Exists so the config loader, the on-device menu and the MQTT command parser validate against one table
 * instead of three copies of the limits. {@code unit} is a display unit ("V", "A", "W", "s", "min", "" for counts).
 */
public record SettingSpec(String name, String unit, double min, double max, double step) {

    public SettingSpec {
        if (!(min <= max) || step <= 0) {
            throw new IllegalArgumentException("bad range for setting " + name);
        }
    }

    /** Whether {@code value} is within [min, max]. */
    public boolean accepts(double value) {
        return Double.isFinite(value) && value >= min && value <= max;
    }
}
