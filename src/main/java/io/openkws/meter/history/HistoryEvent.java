package io.openkws.meter.history;

/**
 * One line of the event log (trip, alarm, relay operation, lockout...) as the history stores it.
 *
 * <p>Exists so the history keeps events without depending on the protection package: the caller passes the
 * event's design.md JSON line unchanged, its {@code type} (for filtering) and the wall-clock time it happened.
 *
 * @param epochMillis wall-clock time of the event, milliseconds since 1970-01-01T00:00Z
 * @param type        the event's {@code "type"} value: relay, trip, lockout, alarm, refused
 * @param json        the event line, e.g. {@code {"t":40.700,"type":"trip","fault":"OVP","value":262.0,"limit":250.0}}
 */
public record HistoryEvent(long epochMillis, String type, String json) {
}
