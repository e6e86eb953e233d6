package io.openkws.protect;

/**
 * What a user-adjustable setting accepts: its name (as used in {@code set/<name>} MQTT topics and on-device
 * menus), unit, range and step.
 *
 * <p>Exists so the config loader, the on-device menu and the MQTT command parser validate against one table
 * instead of three copies of the limits, and refuse a value out of range with one wording ({@link #outOfRange}) whoever
 * checks it first. {@code unit} is a display unit ("V", "A", "W", "s", "min", "" for counts).
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

    /**
     * The one-line refusal of {@code value} out of range, e.g. {@code overVoltage: 401.0 is out of range (0 to 400 V)}:
     * the controller, the web console and MQTT {@code result} all answer with these words.
     */
    public String outOfRange(double value) {
        return name + ": " + Event.number(value) + " is out of range (" + ProtectionSettings.plain(min) + " to "
                + ProtectionSettings.plain(max) + (unit.isEmpty() ? "" : " " + unit) + ")";
    }
}
