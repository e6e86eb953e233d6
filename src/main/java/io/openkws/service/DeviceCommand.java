package io.openkws.service;

import io.openkws.driver.button.Button;
import io.openkws.protect.PowerOnState;
import java.util.Objects;

/**
 * Everything a front-end may ask of the device, already parsed and typed (range checks against
 * {@link DeviceInfo#settings()} happen in the controller, so every front-end gets the same answer).
 *
 * <p>Exists as one sealed type so that MQTT, the web console, the TuyaMCU bridge, the terminal and the panel map
 * their inputs onto the same commands, and the controller handles each exactly once.
 */
public sealed interface DeviceCommand {

    /** The command's name as MQTT and the web API spell it ({@code relay}, {@code overVoltage}, ...). */
    String name();

    /** Close ({@code on}) or open the relay. A close is refused while the voltage is unhealthy. */
    record Relay(boolean on) implements DeviceCommand {
        @Override
        public String name() {
            return "relay";
        }
    }

    /** OFF while the user wants the relay on (even if a close is pending), else ON. */
    record ToggleRelay() implements DeviceCommand {
        @Override
        public String name() {
            return "relay";
        }
    }

    /**
     * A new value for a run-time setting named as in {@link DeviceInfo#settings()} (protection settings,
     * {@code countdown} in seconds, {@code screenTimeout} in minutes).
     */
    record ChangeSetting(String name, double value) implements DeviceCommand {
        public ChangeSetting {
            Objects.requireNonNull(name, "name");
        }
    }

    /** What the relay does at the next start. */
    record SetPowerOnState(PowerOnState state) implements DeviceCommand {
        public SetPowerOnState {
            Objects.requireNonNull(state, "state");
        }

        @Override
        public String name() {
            return "powerOnState";
        }
    }

    /** Zero the energy totals (lifetime, today, yesterday, months). */
    record ResetEnergy() implements DeviceCommand {
        @Override
        public String name() {
            return "resetEnergy";
        }
    }

    /** Zero the run time (the TuyaMCU data point 120). */
    record ResetRunTime() implements DeviceCommand {
        @Override
        public String name() {
            return "resetRunTime";
        }
    }

    /** Clear a latched overload or a lockout (the relay stays off until switched on). */
    record ResetLockout() implements DeviceCommand {
        @Override
        public String name() {
            return "resetLockout";
        }
    }

    /** Settings back to the configured ones, energy and run time cleared, relay off. */
    record FactoryReset() implements DeviceCommand {
        @Override
        public String name() {
            return "factoryReset";
        }
    }

    /**
     * A virtual front-panel button going down ({@code down}) or up, as if pressed on the board: the panel's own
     * gesture rules (click, long press, repeat, chords) apply. Refused on a board without a panel.
     */
    record PressButton(Button button, boolean down) implements DeviceCommand {
        public PressButton {
            Objects.requireNonNull(button, "button");
        }

        @Override
        public String name() {
            return "button";
        }
    }
}
