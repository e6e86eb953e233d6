package io.openkws.service;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.openkws.protect.Alarm;
import io.openkws.protect.Cause;
import io.openkws.protect.Event;
import io.openkws.protect.Fault;

/**
 * Event-log lines in design.md's "Events" format: the output of {@code simulate}, the controller's event log, the
 * MQTT {@code event} topic and the web console's event stream.
 *
 * <p>Exists so every one of those writes byte-identical lines, and so the protection engine, which only decides,
 * holds no text encoding: it lives with the device-service contract that every front-end and {@code app} already
 * use. Fixes the key order and the number format ({@code "t"} with exactly 3 decimals, other numbers rounded to 3
 * decimals and always written with a decimal point, e.g. {@code 262.0}), which a generic JSON mapper would not
 * guarantee.
 */
public final class EventJson {

    private EventJson() {
    }

    /** {@code event} as one JSON object, keys in design.md order, no trailing newline. */
    public static String line(Event event) {
        String t = "{\"t\":" + seconds(event.tNanos());
        return switch (event) {
            case Event.Relay(long ignored, boolean on, Cause cause) -> t + ",\"type\":\"relay\",\"state\":\""
                    + (on ? "on" : "off") + "\",\"cause\":\"" + cause.wire() + "\"}";
            case Event.Trip(long ignored, Fault fault, double value, double limit) -> t + ",\"type\":\"trip\",\"fault\":\""
                    + fault.name() + "\",\"value\":" + Event.number(value) + ",\"limit\":" + Event.number(limit) + "}";
            case Event.Lockout(long ignored, Fault fault) -> t + ",\"type\":\"lockout\",\"fault\":\"" + fault.name()
                    + "\"}";
            case Event.Refused r -> t + ",\"type\":\"refused\",\"command\":\"" + r.command().wire() + "\",\"reason\":"
                    + string(r.reason()) + "}";
            case Event.AlarmRaised(long ignored, Alarm alarm, double value) -> t + ",\"type\":\"alarm\",\"alarm\":\""
                    + alarm.name() + "\"" + (Double.isFinite(value) ? ",\"value\":" + Event.number(value) : "") + "}";
            case Event.AlarmCleared(long ignored, Alarm alarm) -> t + ",\"type\":\"alarm\",\"alarm\":\""
                    + alarm.name() + "\",\"cleared\":true}";
            case Event.Reading r -> t + ",\"type\":\"reading\",\"voltage\":" + Event.number(r.voltageV())
                    + ",\"current\":" + Event.number(r.currentA()) + ",\"power\":" + Event.number(r.powerW()) + "}";
        };
    }

    /** Seconds with exactly three decimals, rounded half up to the millisecond: 30.200, 0.000. */
    public static String seconds(long nanos) {
        long millis = Math.floorDiv(nanos + 500_000, 1_000_000);
        long whole = Math.floorDiv(millis, 1000);
        long frac = Math.floorMod(millis, 1000);
        return whole + "." + (frac < 10 ? "00" : frac < 100 ? "0" : "") + frac;
    }

    /**
     * Encodes one event of each kind, so the first real trip's line does not pay for class loading and the JIT on
     * the thread that logs it.
     */
    public static void warmUp() {
        for (Event e : new Event[] {
            new Event.Relay(0, true, Cause.STARTUP), new Event.Trip(1, Fault.OVP, 262, 250),
            new Event.Lockout(2, Fault.OCP), new Event.Refused(3, io.openkws.protect.Command.RELAY_ON, "warm-up"),
            new Event.AlarmRaised(4, Alarm.values()[0], 1.5), new Event.AlarmCleared(5, Alarm.values()[0]),
            new Event.Reading(6, 230, 1, 230)}) {
            line(e);
        }
    }

    private static String string(String text) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + "\"";
    }
}
