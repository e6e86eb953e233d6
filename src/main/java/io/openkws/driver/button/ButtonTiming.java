package io.openkws.driver.button;

import java.util.Set;

/**
 * How {@link ButtonDriver} turns levels into gestures; all durations in nanoseconds.
 *
 * <p>Exists so debounce, long-press, auto-repeat and chord timings are data (board file) instead of constants.
 *
 * @param debounceNanos        a level must hold this long before it counts; shorter glitches are ignored
 * @param longPressNanos       a non-repeating button held at least this long gives a long press instead of a click
 * @param repeatDelayNanos     a repeating button held this long starts auto-repeat
 * @param repeatIntervalNanos  time between two auto-repeats
 * @param repeating            the buttons that auto-repeat (the others give long presses)
 * @param chords               button combinations that mean something when held together
 */
public record ButtonTiming(long debounceNanos, long longPressNanos, long repeatDelayNanos, long repeatIntervalNanos,
                           Set<Button> repeating, Set<Chord> chords) {

    /** Stock-like defaults: 30 ms debounce, 1 s long press, repeat after 0.6 s every 0.15 s on +/-, the reset chord. */
    public static final ButtonTiming DEFAULT = new ButtonTiming(30_000_000L, 1_000_000_000L, 600_000_000L,
            150_000_000L, Set.of(Button.PLUS, Button.MINUS), Set.of(Chord.FACTORY_RESET));

    public ButtonTiming {
        if (debounceNanos < 0 || repeatIntervalNanos <= 0) {
            throw new IllegalArgumentException("debounce must be >= 0 and repeat interval > 0");
        }
        if (longPressNanos <= debounceNanos || repeatDelayNanos <= debounceNanos) {
            throw new IllegalArgumentException("long press and repeat delay must be longer than the debounce");
        }
        repeating = Set.copyOf(repeating);
        chords = Set.copyOf(chords);
    }

    /** A copy with other chords. */
    public ButtonTiming withChords(Set<Chord> newChords) {
        return new ButtonTiming(debounceNanos, longPressNanos, repeatDelayNanos, repeatIntervalNanos, repeating, newChords);
    }
}
