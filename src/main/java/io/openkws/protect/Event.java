package io.openkws.protect;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * One line of the event log, in design.md's "Events" format: the output of {@code simulate}, the controller's
 * event log and the MQTT {@code event} topic.
 *
 * <p>Exists so the three outputs write byte-identical lines. {@link #toJson()} fixes the key order and the number
 * format ({@code "t"} with exactly 3 decimals, other numbers rounded to 3 decimals and always written with a
 * decimal point, e.g. {@code 262.0}), which a generic JSON mapper would not guarantee. {@code tNanos} is the
 * time since the controller started.
 */
public sealed interface Event {

    /** Nanoseconds since the controller started. */
    long tNanos();

    /** The event as one JSON object, keys in design.md order, no trailing newline. */
    String toJson();

    /** {@code {"t":..,"type":"relay","state":"on|off","cause":..}}, stamped at the start of the coil pulse. */
    record Relay(long tNanos, boolean on, Cause cause) implements Event {
        @Override
        public String toJson() {
            return "{\"t\":" + seconds(tNanos) + ",\"type\":\"relay\",\"state\":\"" + (on ? "on" : "off")
                    + "\",\"cause\":\"" + cause.wire() + "\"}";
        }
    }

    /** {@code {"t":..,"type":"trip","fault":..,"value":..,"limit":..}}. */
    record Trip(long tNanos, Fault fault, double value, double limit) implements Event {
        @Override
        public String toJson() {
            return "{\"t\":" + seconds(tNanos) + ",\"type\":\"trip\",\"fault\":\"" + fault.name() + "\",\"value\":"
                    + number(value) + ",\"limit\":" + number(limit) + "}";
        }
    }

    /** {@code {"t":..,"type":"lockout","fault":..}}. */
    record Lockout(long tNanos, Fault fault) implements Event {
        @Override
        public String toJson() {
            return "{\"t\":" + seconds(tNanos) + ",\"type\":\"lockout\",\"fault\":\"" + fault.name() + "\"}";
        }
    }

    /** {@code {"t":..,"type":"refused","command":..,"reason":..}}. */
    record Refused(long tNanos, Command command, String reason) implements Event {
        @Override
        public String toJson() {
            return "{\"t\":" + seconds(tNanos) + ",\"type\":\"refused\",\"command\":\"" + command.wire()
                    + "\",\"reason\":" + string(reason) + "}";
        }
    }

    /**
     * {@code {"t":..,"type":"alarm","alarm":..,"value":..}}: an alarm became active; {@code value} is what was
     * measured (amps for RELAY_WELDED), left out when not finite (COIL_FAILURE).
     */
    record AlarmRaised(long tNanos, Alarm alarm, double value) implements Event {
        @Override
        public String toJson() {
            return "{\"t\":" + seconds(tNanos) + ",\"type\":\"alarm\",\"alarm\":\"" + alarm.name() + "\""
                    + (Double.isFinite(value) ? ",\"value\":" + number(value) : "") + "}";
        }
    }

    /** {@code {"t":..,"type":"alarm","alarm":..,"cleared":true}}: the alarm ended. */
    record AlarmCleared(long tNanos, Alarm alarm) implements Event {
        @Override
        public String toJson() {
            return "{\"t\":" + seconds(tNanos) + ",\"type\":\"alarm\",\"alarm\":\"" + alarm.name()
                    + "\",\"cleared\":true}";
        }
    }

    /** {@code {"t":..,"type":"reading","voltage":..,"current":..,"power":..}} (simulate --readings). */
    record Reading(long tNanos, double voltageV, double currentA, double powerW) implements Event {
        @Override
        public String toJson() {
            return "{\"t\":" + seconds(tNanos) + ",\"type\":\"reading\",\"voltage\":" + number(voltageV)
                    + ",\"current\":" + number(currentA) + ",\"power\":" + number(powerW) + "}";
        }
    }

    /** Seconds with exactly three decimals, rounded half up to the millisecond: 30.200, 0.000. */
    static String seconds(long nanos) {
        long millis = Math.floorDiv(nanos + 500_000, 1_000_000);
        long whole = Math.floorDiv(millis, 1000);
        long frac = Math.floorMod(millis, 1000);
        return whole + "." + (frac < 10 ? "00" : frac < 100 ? "0" : "") + frac;
    }

    /** A JSON number rounded to 3 decimals, always with a decimal point (262.0, 0.5, 2300.125); null if not finite. */
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

    private static String string(String text) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + "\"";
    }
}
