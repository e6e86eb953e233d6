package io.openkws.driver.button;

import java.util.Locale;

/**
 * The four front-panel buttons of the meter.
 *
 * <p>Exists so board files, the UI, scenario files and the simulator name a button the same way: the lower-case
 * {@link #key()} ({@code menu}, {@code plus}, {@code minus}, {@code power}).
 */
public enum Button {
    MENU, PLUS, MINUS, POWER;

    /** The name used in files and on the command line. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The button named {@code key} (case-insensitive). */
    public static Button fromKey(String key) {
        for (Button b : values()) {
            if (b.key().equalsIgnoreCase(key.trim())) {
                return b;
            }
        }
        throw new IllegalArgumentException("no button named '" + key + "' (menu, plus, minus, power)");
    }
}
