package io.openkws.protect;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * One entry of the event log (design.md "Events"): what the protection engine reports it decided or saw.
 *
 * <p>Exists so the controller, {@code simulate}, the event log and every front-end agree on what happened; the
 * engine only builds these values. Their text form, one JSON line each, is written by
 * {@code io.openkws.service.EventJson}, so protection holds no encoding. {@code tNanos} is the time since the
 * controller started.
 */
public sealed interface Event {

    /** Nanoseconds since the controller started. */
    long tNanos();

    /** {@code {"t":..,"type":"relay","state":"on|off","cause":..}}, stamped at the start of the coil pulse. */
    record Relay(long tNanos, boolean on, Cause cause) implements Event {
    }

    /** {@code {"t":..,"type":"trip","fault":..,"value":..,"limit":..}}. */
    record Trip(long tNanos, Fault fault, double value, double limit) implements Event {
    }

    /** {@code {"t":..,"type":"lockout","fault":..}}. */
    record Lockout(long tNanos, Fault fault) implements Event {
    }

    /** {@code {"t":..,"type":"refused","command":..,"reason":..}}. */
    record Refused(long tNanos, Command command, String reason) implements Event {
    }

    /**
     * {@code {"t":..,"type":"alarm","alarm":..,"value":..}}: an alarm became active; {@code value} is what was
     * measured (amps for RELAY_WELDED), left out when not finite (COIL_FAILURE).
     */
    record AlarmRaised(long tNanos, Alarm alarm, double value) implements Event {
    }

    /** {@code {"t":..,"type":"alarm","alarm":..,"cleared":true}}: the alarm ended. */
    record AlarmCleared(long tNanos, Alarm alarm) implements Event {
    }

    /** {@code {"t":..,"type":"reading","voltage":..,"current":..,"power":..}} (simulate --readings). */
    record Reading(long tNanos, double voltageV, double currentA, double powerW) implements Event {
    }

    /**
     * design.md's number format, for event lines and messages alike: rounded to 3 decimals, always with a decimal
     * point (262.0, 0.5, 2300.125); {@code null} if not finite.
     */
    static String number(double value) {
        if (!Double.isFinite(value)) {
            return "null";
        }
        BigDecimal d = BigDecimal.valueOf(value).setScale(3, RoundingMode.HALF_UP).stripTrailingZeros();
        if (d.signum() == 0) {
            return "0.0";
        }
        if (d.scale() <= 0) {
            d = d.setScale(1, RoundingMode.UNNECESSARY);
        }
        return d.toPlainString();
    }
}
