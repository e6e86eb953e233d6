package io.openkws.driver.button;

import io.openkws.driver.pin.InputPin;

/**
 * One button's input line and the level that means "pressed".
 *
 * @param pin        the line
 * @param activeHigh {@code true} when a high level means pressed (false for the usual switch-to-ground with pull-up)
 */
public record ButtonLine(InputPin pin, boolean activeHigh) {

    /** Whether the line reads "pressed" now. */
    public boolean pressed() {
        return pin.isHigh() == activeHigh;
    }
}
