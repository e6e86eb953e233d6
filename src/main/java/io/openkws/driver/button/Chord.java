package io.openkws.driver.button;

import java.util.Set;

/**
 * A combination of buttons held together for a while, such as the stock factory reset (+ and − for 5 s).
 *
 * @param name      what the chord means, e.g. {@code factoryReset}; reported in {@link ButtonEvent.ChordHeld}
 * @param buttons   exactly the buttons that must be held (no more, no fewer), at least two
 * @param holdNanos how long all of them must be held together
 */
public record Chord(String name, Set<Button> buttons, long holdNanos) {

    /** The stock KWS-302WF factory reset: plus and minus held together for 5 s. */
    public static final Chord FACTORY_RESET = new Chord("factoryReset", Set.of(Button.PLUS, Button.MINUS), 5_000_000_000L);

    public Chord {
        buttons = Set.copyOf(buttons);
        if (buttons.size() < 2) {
            throw new IllegalArgumentException("a chord needs at least two buttons");
        }
        if (holdNanos <= 0) {
            throw new IllegalArgumentException("a chord's hold time must be positive");
        }
    }
}
