package io.openkws.ui;

import io.openkws.protect.SettingSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One entry of the on-device settings menu: what it edits, its short label on the {@code aux} field, and where
 * its current value comes from.
 *
 * <p>Exists so the menu's ranges and steps come from the one {@link SettingSpec} table (config, MQTT and menu
 * agree) while the UI keeps only what is its own: the label and how a value is shown. {@link #standard} builds
 * the stock-like menu from that table.
 */
public sealed interface MenuItem {

    /** Spec name of the over-voltage limit. */
    String OVER_VOLTAGE = "overVoltage";
    /** Spec name of the under-voltage limit. */
    String UNDER_VOLTAGE = "underVoltage";
    /** Spec name of the over-current limit. */
    String OVER_CURRENT = "overCurrent";
    /** Spec name of the over-power limit. */
    String OVER_POWER = "overPower";
    /** Spec name of the recovery delay. */
    String RECOVERY_DELAY = "recoveryDelay";
    /** Spec name of the auto-off countdown, in minutes. */
    String AUTO_OFF = "autoOff";
    /** Spec name of the screen timeout, in minutes. */
    String SCREEN_TIMEOUT = "screenTimeout";
    /** Name of the power-on state choice. */
    String POWER_ON_STATE = "powerOnState";

    /** The label shown on {@code aux} while the item is edited. */
    String label();

    /**
     * A numeric setting read from {@link DisplayData#settings()} and written with {@link UiAction.ChangeSetting}.
     * When {@code zeroIsOff}, a value of 0 shows {@code OFF} (a limit of 0 disables the protection).
     */
    record Setting(SettingSpec spec, String label, boolean zeroIsOff) implements MenuItem {
    }

    /** The screen timeout in minutes, read from {@link DisplayData#screenTimeoutMinutes()}; 0 shows {@code OFF}. */
    record ScreenTimeout(SettingSpec spec, String label) implements MenuItem {
    }

    /**
     * The auto-off countdown in minutes, starting from the one running (rounded up); written with
     * {@link UiAction.SetCountdown} in seconds; 0 shows {@code OFF} and cancels it.
     */
    record AutoOff(SettingSpec spec, String label) implements MenuItem {
    }

    /** The power-on state: one of {@link DisplayData#POWER_ON_STATES}, written with {@link UiAction.ChangeChoice}. */
    record PowerOnState(String label) implements MenuItem {
    }

    /**
     * The stock-like menu: OVP {@code OU}, UVP {@code UU}, OCP {@code OC}, OPP {@code OP}, recovery delay
     * {@code rd}, power-on state {@code Po}, auto-off countdown {@code cd}, screen timeout {@code St}. Items whose
     * spec is not in {@code specs} are left out; other specs in it (not edited on the device) are ignored.
     */
    public static List<MenuItem> standard(List<SettingSpec> specs) {
        Map<String, SettingSpec> byName = new LinkedHashMap<>();
        specs.forEach(spec -> byName.put(spec.name(), spec));
        List<MenuItem> items = new ArrayList<>();
        addSetting(items, byName.get(OVER_VOLTAGE), "OU");
        addSetting(items, byName.get(UNDER_VOLTAGE), "UU");
        addSetting(items, byName.get(OVER_CURRENT), "OC");
        addSetting(items, byName.get(OVER_POWER), "OP");
        if (byName.containsKey(RECOVERY_DELAY)) {
            items.add(new Setting(byName.get(RECOVERY_DELAY), "rd", false));
        }
        items.add(new PowerOnState("Po"));
        if (byName.containsKey(AUTO_OFF)) {
            items.add(new AutoOff(byName.get(AUTO_OFF), "cd"));
        }
        if (byName.containsKey(SCREEN_TIMEOUT)) {
            items.add(new ScreenTimeout(byName.get(SCREEN_TIMEOUT), "St"));
        }
        return List.copyOf(items);
    }

    private static void addSetting(List<MenuItem> items, SettingSpec spec, String label) {
        if (spec != null) {
            items.add(new Setting(spec, label, true));
        }
    }
}
