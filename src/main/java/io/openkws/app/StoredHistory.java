package io.openkws.app;

import io.openkws.meter.history.HistoryRow;
import io.openkws.meter.history.HistoryStore;
import io.openkws.web.HistorySource;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;

/**
 * The energy history store as the web console's History page reads it: the latest hours, days or months.
 *
 * <p>Exists so the console depends only on its own small {@link HistorySource} interface while {@code run} hands it
 * the real store. Hours are asked for by local day, so a few more days than needed are read and the newest
 * {@code count} rows kept; periods become instants in the store's time zone.
 */
public final class StoredHistory implements HistorySource {

    private final HistoryStore store;
    private final Clock wallClock;
    private final ZoneId zone;

    /** {@code wallClock} says what "today" is; {@code zone} is the one the store's days and months are in. */
    public StoredHistory(HistoryStore store, Clock wallClock, ZoneId zone) {
        this.store = store;
        this.wallClock = wallClock;
        this.zone = zone;
    }

    @Override
    public List<Row> latest(Resolution by, int count) {
        LocalDate today = LocalDate.now(wallClock.withZone(zone));
        List<HistoryRow> rows = switch (by) {
            case HOUR -> store.hours(today.minusDays(count / 24 + 1), today);
            case DAY -> store.days(today.minusDays(count - 1), today);
            case MONTH -> store.months(YearMonth.from(today).minusMonths(count - 1), YearMonth.from(today));
        };
        List<HistoryRow> newest = rows.subList(Math.max(0, rows.size() - count), rows.size());
        return newest.stream().map(r -> new Row(start(by, r.period()), r.totals().energyKWh(),
                r.totals().voltageMinV(), r.totals().voltageAvgV(), r.totals().voltageMaxV(), r.totals().powerMaxW(),
                r.totals().relayClosedMinutes())).toList();
    }

    private Instant start(Resolution by, String period) {
        return switch (by) {
            case HOUR -> OffsetDateTime.parse(period).toInstant();
            case DAY -> LocalDate.parse(period).atStartOfDay(zone).toInstant();
            case MONTH -> YearMonth.parse(period).atDay(1).atStartOfDay(zone).toInstant();
        };
    }
}
