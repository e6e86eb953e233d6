package io.openkws.protect;

import java.util.Arrays;
import java.util.Optional;

/**
 * A user command to the protection engine; {@link #wire()} is its spelling in scenarios and events.
 *
 * <p>Exists so the scenario file, MQTT and the buttons hand the engine the same four commands.
 */
public enum Command {
    RELAY_ON("relayOn"), RELAY_OFF("relayOff"), RESET_LOCKOUT("resetLockout"), RESET_ENERGY("resetEnergy");

    private final String wire;

    Command(String wire) {
        this.wire = wire;
    }

    /** relayOn, relayOff, resetLockout or resetEnergy. */
    public String wire() {
        return wire;
    }

    /** The command spelled {@code wire} (exact case), if any. */
    public static Optional<Command> fromWire(String wire) {
        return Arrays.stream(values()).filter(c -> c.wire.equals(wire)).findFirst();
    }
}
