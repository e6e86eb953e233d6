package io.openkws.protect;

/**
 * Conditions the meter sees that are not trips; the names are the {@code alarm} values of the event log.
 *
 * <p>Exists because the meter sits in series with its own relay and can check it: these say the relay is not doing
 * what protection asked, which no trip can fix by itself.
 */
public enum Alarm {
    /** Current still flows more than the welded-contact time after an OFF pulse: the contacts did not open. */
    RELAY_WELDED,
    /** A coil write failed (GPIO error): the relay may not have moved. */
    COIL_FAILURE
}
