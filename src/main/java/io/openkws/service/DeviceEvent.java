package io.openkws.service;

import io.openkws.protect.Event;

/**
 * What a {@link DeviceService} subscriber is told.
 *
 * <p>Exists so front-ends react to changes instead of polling for them: an event-log line the moment it happens
 * (after the relay has already moved), and a fresh view whenever something a user would see changed at once (relay,
 * faults, alarms, settings, a command's effect).
 */
public sealed interface DeviceEvent {

    /** A line of the event log (relay, trip, lockout, refused, alarm), in design.md's format via {@link EventJson#line(Event)}. */
    record Logged(Event event) implements DeviceEvent {
    }

    /** The view after a change a user would see at once; periodic readings are not announced. */
    record Changed(DeviceView view) implements DeviceEvent {
    }

    /**
     * {@code count} events were dropped because a subscriber or the event queue fell behind (the control loop
     * never waits for anyone).
     */
    record Dropped(long count) implements DeviceEvent {
    }
}
