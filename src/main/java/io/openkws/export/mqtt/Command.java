package io.openkws.export.mqtt;

import java.util.Objects;

/**
 * A well-formed command received on {@code openkws/<deviceId>/set/<name>}, already validated against its range.
 *
 * <p>Exists so the controller receives typed, checked values and never sees raw MQTT payloads. {@link #name()} is
 * the topic's last level, echoed in the {@code result} answer.
 */
public sealed interface Command {

    String name();

    /** {@code set/relay}: close (true) or open (false) the relay. */
    record Relay(boolean on) implements Command {
        @Override
        public String name() {
            return "relay";
        }
    }

    /** {@code set/<setting>}: a new value for a {@code SettingSpec}, within its range. */
    record Setting(String name, double value) implements Command {
        public Setting {
            Objects.requireNonNull(name);
        }
    }

    /** {@code set/powerOnState}. */
    record PowerOnState(Mode mode) implements Command {
        @Override
        public String name() {
            return "powerOnState";
        }
    }

    /** {@code set/countdown}: switch the relay after this many seconds; 0 cancels. */
    record Countdown(long seconds) implements Command {
        @Override
        public String name() {
            return "countdown";
        }
    }

    /** {@code set/resetEnergy}. */
    record ResetEnergy() implements Command {
        @Override
        public String name() {
            return "resetEnergy";
        }
    }

    /** {@code set/resetLockout}. */
    record ResetLockout() implements Command {
        @Override
        public String name() {
            return "resetLockout";
        }
    }

    /** What the relay does when the controller starts. */
    enum Mode {
        OFF, ON, MEMORY;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
