package io.openkws.io.sim.board;

import io.openkws.driver.button.Button;
import io.openkws.driver.button.ButtonLine;

/**
 * A simulated front-panel button: a switch on a {@link SimInputPin} that reads its active level while pressed.
 *
 * <p>Exists so scenarios, tests and the terminal UI's keys can press buttons that the real button driver reads.
 */
public final class SimButton {

    private final Button button;
    private final boolean activeHigh;
    private final SimInputPin pin;

    public SimButton(Button button, boolean activeHigh) {
        this.button = button;
        this.activeHigh = activeHigh;
        this.pin = new SimInputPin(!activeHigh);
    }

    public Button button() {
        return button;
    }

    /** Closes the switch. */
    public void press() {
        pin.drive(activeHigh);
    }

    /** Opens the switch. */
    public void release() {
        pin.drive(!activeHigh);
    }

    /** Whether the switch is closed. */
    public boolean isPressed() {
        return pin.isHigh() == activeHigh;
    }

    /** The line as the button driver sees it. */
    public ButtonLine line() {
        return new ButtonLine(pin, activeHigh);
    }
}
