package io.openkws.ui;

/**
 * What the on-device UI asks the controller to do after a button gesture or a menu exit.
 *
 * <p>Exists so {@link DeviceUi} stays a pure state machine: it never switches the relay or writes a setting
 * itself. The controller routes each action through the protection engine (relay) or the settings store, which
 * validate it again against the same {@link io.openkws.protect.SettingSpec} table.
 */
public sealed interface UiAction {

    /** The power button: switch the relay to the other state (cause {@code button}). */
    record ToggleRelay() implements UiAction {
    }

    /** A numeric setting edited in the menu, by its {@link io.openkws.protect.SettingSpec} name; already clamped. */
    record ChangeSetting(String name, double value) implements UiAction {
    }

    /** A choice setting edited in the menu: {@code powerOnState} with {@code off}, {@code on} or {@code memory}. */
    record ChangeChoice(String name, String value) implements UiAction {
    }

    /** The stock "power-off time": switch the relay off after {@code seconds}; 0 cancels a running countdown. */
    record SetCountdown(long seconds) implements UiAction {
    }

    /** The factory-reset chord (+ and − held): reset energy, run time and settings, relay OFF. */
    record FactoryReset() implements UiAction {
    }
}
