package io.openkws.driver.button;

import java.util.Set;

/**
 * What {@link ButtonDriver} reports. Times are those of the debounced signal, in the driver's clock nanoseconds.
 *
 * <p>{@link Pressed} and {@link Released} are raw (debounced) level changes, always reported, for feedback such as
 * lighting a backlight. Menus act on the gestures: {@link Clicked}, {@link LongPressed}, {@link Repeated} and
 * {@link ChordHeld}. A button that took part in a multi-button press gives no gesture (see {@link ButtonDriver}).
 */
public sealed interface ButtonEvent {

    /** When it happened (debounced signal time). */
    long nanos();

    /** The button went down. */
    record Pressed(Button button, long nanos) implements ButtonEvent {
    }

    /** The button went up after {@code heldNanos}. */
    record Released(Button button, long nanos, long heldNanos) implements ButtonEvent {
    }

    /** A short press on its own: reported at release. */
    record Clicked(Button button, long nanos) implements ButtonEvent {
    }

    /** A non-repeating button held for the long-press time: reported at that moment, while still held. */
    record LongPressed(Button button, long nanos) implements ButtonEvent {
    }

    /** Auto-repeat of a repeating button held down; {@code count} starts at 1. */
    record Repeated(Button button, long nanos, int count) implements ButtonEvent {
    }

    /** A chord's buttons (and no others) have been held together for its hold time; reported once per hold. */
    record ChordHeld(String name, Set<Button> buttons, long nanos) implements ButtonEvent {
    }
}
