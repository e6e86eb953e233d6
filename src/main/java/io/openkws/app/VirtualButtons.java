package io.openkws.app;

import io.openkws.driver.button.Button;
import io.openkws.driver.button.ButtonLine;
import io.openkws.driver.pin.InputPin;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * The front panel's buttons pressed from a distance (the web console's virtual panel): each button reads pressed
 * while its real line or its virtual press says so.
 *
 * <p>Exists so a remote press goes through the same debouncing, gesture rules (click, long press, repeat, chords)
 * and menu as a finger on the board, instead of a second path to the controller.
 */
public final class VirtualButtons {

    private final AtomicIntegerArray pressed = new AtomicIntegerArray(Button.values().length);

    /** Presses ({@code down}) or releases {@code button}. */
    public void set(Button button, boolean down) {
        pressed.set(button.ordinal(), down ? 1 : 0);
    }

    /** Whether {@code button} is virtually held. */
    public boolean isDown(Button button) {
        return pressed.get(button.ordinal()) != 0;
    }

    /** The board's button lines, each one also reading pressed while virtually held. */
    Map<Button, ButtonLine> wrap(Map<Button, ButtonLine> lines) {
        Map<Button, ButtonLine> wrapped = new EnumMap<>(Button.class);
        lines.forEach((button, line) -> wrapped.put(button, new ButtonLine(new InputPin() {
            @Override
            public boolean isHigh() {
                return isDown(button) ? line.activeHigh() : line.pin().isHigh();
            }
        }, line.activeHigh())));
        return wrapped;
    }
}
