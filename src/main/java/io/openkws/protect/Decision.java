package io.openkws.protect;

import java.util.Optional;

/**
 * What the engine asks the controller to do (or to report). The controller executes decisions in list order.
 *
 * <p>Exists to keep the engine pure: it never drives the relay or writes a log itself. For {@link Open} and
 * {@link Close} the controller operates the relay, stamps the {@code relay} event at the start of the coil pulse
 * (a close may be delayed by the relay's minimum interval) and reports the contact change back with
 * {@link ProtectionEngine#relayChanged(long, boolean)}. An {@link Open} that arrives while a delayed close is
 * still waiting cancels that close, and neither is logged (the contacts never moved). The other decisions become
 * events at once, stamped with the time of the engine call that returned them.
 */
public sealed interface Decision {

    /** The event this decision logs when stamped at {@code tNanos} (since start); empty for {@link ResetEnergy}. */
    Optional<Event> toEvent(long tNanos);

    /** A fault became active. {@code limit} is the configured limit (for OCP also when the instant level tripped). */
    record Trip(Fault fault, double value, double limit) implements Decision {
        @Override
        public Optional<Event> toEvent(long tNanos) {
            return Optional.of(new Event.Trip(tNanos, fault, value, limit));
        }
    }

    /** The overload retries are used up: the relay stays open until a user ON or resetLockout. */
    record Lockout(Fault fault) implements Decision {
        @Override
        public Optional<Event> toEvent(long tNanos) {
            return Optional.of(new Event.Lockout(tNanos, fault));
        }
    }

    /** Open the relay (never delayed). */
    record Open(Cause cause) implements Decision {
        @Override
        public Optional<Event> toEvent(long tNanos) {
            return Optional.of(new Event.Relay(tNanos, false, cause));
        }
    }

    /** Close the relay (the relay driver may delay it by its minimum interval between operations). */
    record Close(Cause cause) implements Decision {
        @Override
        public Optional<Event> toEvent(long tNanos) {
            return Optional.of(new Event.Relay(tNanos, true, cause));
        }
    }

    /** A user command was not executed, with the reason (e.g. "voltage unhealthy"). */
    record Refused(Command command, String reason) implements Decision {
        @Override
        public Optional<Event> toEvent(long tNanos) {
            return Optional.of(new Event.Refused(tNanos, command, reason));
        }
    }

    /** The user asked to zero the energy totals; the engine only passes this on to the controller. */
    record ResetEnergy() implements Decision {
        @Override
        public Optional<Event> toEvent(long tNanos) {
            return Optional.empty();
        }
    }
}
