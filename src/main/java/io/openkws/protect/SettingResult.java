package io.openkws.protect;

/**
 * The answer to one named setting change: the new settings, or why the change was rejected.
 *
 * <p>Exists so MQTT ({@code {"ok":false,"error":..}}) and the menus can report a bad value without exceptions.
 */
public sealed interface SettingResult {

    /** The change is valid; {@code settings} is the whole new record. */
    record Applied(ProtectionSettings settings) implements SettingResult {
    }

    /** The change was refused; {@code error} is one line for the user. */
    record Rejected(String error) implements SettingResult {
    }
}
