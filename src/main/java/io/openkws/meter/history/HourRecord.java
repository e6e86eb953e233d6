package io.openkws.meter.history;

import java.time.ZonedDateTime;
import java.util.List;

/**
 * One hour of history, complete (closed at the hour boundary) or partial (the hour in progress at a clean
 * shutdown); what {@link HistoryStore#write} stores as one transaction.
 *
 * @param start          the hour's start in the history's time zone (its local date picks the day and month)
 * @param totals         the hour's aggregates
 * @param lifetimeEndKWh the lifetime energy total the hour's energy runs up to: the next hour's energy is counted
 *                       from here, also after a restart
 * @param events         the events of the hour not yet stored (a resumed hour's earlier events are already in
 *                       the database)
 */
public record HourRecord(ZonedDateTime start, Totals totals, double lifetimeEndKWh, List<HistoryEvent> events) {

    public HourRecord {
        events = List.copyOf(events);
    }

    /** The hour's start as seconds since 1970-01-01T00:00Z (the database key). */
    public long startEpochSeconds() {
        return start.toEpochSecond();
    }
}
