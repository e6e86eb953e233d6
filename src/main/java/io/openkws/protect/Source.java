package io.openkws.protect;

/**
 * Where a user command came from: a remote command (MQTT, CLI, scenario) or a board button.
 *
 * <p>Exists because the relay event's cause says which one it was ({@code command} or {@code button}).
 */
public enum Source {
    COMMAND(Cause.COMMAND), BUTTON(Cause.BUTTON);

    private final Cause cause;

    Source(Cause cause) {
        this.cause = cause;
    }

    /** The relay-event cause for a relay operation this source asked for. */
    public Cause cause() {
        return cause;
    }
}
