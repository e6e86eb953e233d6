package io.openkws.protect;

import java.util.Locale;

/**
 * Why the relay opened or closed; {@link #wire()} is the {@code cause} value of a {@code relay} event.
 *
 * <p>Exists so the engine, the event log and MQTT use one closed set of causes (design.md "Events").
 */
public enum Cause {
    STARTUP, POWER_ON, RESTORE, RETRY, TRIP, COMMAND, BUTTON, COUNTDOWN;

    /** The event-log spelling: startup, power-on, restore, retry, trip, command, button, countdown. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
