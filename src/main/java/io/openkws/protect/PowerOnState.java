package io.openkws.protect;

import java.util.Locale;

/**
 * What the relay does after the controller starts ({@code relay.powerOnState}): stay off, close, or return to
 * the remembered state. Whatever the choice, the relay is first driven off and only closes after
 * {@code recoveryDelay} of healthy voltage.
 *
 * <p>Exists so the config, the Home Assistant select and the engine share one set of values.
 */
public enum PowerOnState {
    OFF, ON, MEMORY;

    /** off, on or memory. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the relay should close after power-on, given the remembered desired state. */
    public boolean wantsOn(boolean rememberedOn) {
        return this == ON || (this == MEMORY && rememberedOn);
    }
}
