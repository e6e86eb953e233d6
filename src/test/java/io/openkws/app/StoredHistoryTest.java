package io.openkws.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.openkws.meter.history.HistoryStore;
import io.openkws.meter.history.HourRecord;
import io.openkws.meter.history.Retention;
import io.openkws.meter.history.Totals;
import io.openkws.web.HistorySource;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The history store read as the web console's History page asks: the newest hours, days and months. */
class StoredHistoryTest {

    @Test
    void the_newest_rows_come_back_oldest_first_with_their_start_instants(@TempDir Path dir) {
        ZonedDateTime first = ZonedDateTime.of(2026, 3, 1, 0, 0, 0, 0, ZoneOffset.UTC);
        Clock now = Clock.fixed(first.plusHours(30).toInstant(), ZoneOffset.UTC);
        List<String> warnings = new ArrayList<>();
        try (HistoryStore store = HistoryStore.open(dir, Retention.DEFAULT, warnings::add, now)) {
            for (int h = 0; h < 30; h++) {
                store.write(new HourRecord(first.plusHours(h), new Totals(0.5, 3600, 229, 230.0 * 3600, 231, 2000,
                        1800), 0.5 * (h + 1), List.of()));
            }
            StoredHistory history = new StoredHistory(store, now, ZoneOffset.UTC);
            List<HistorySource.Row> hours = history.latest(HistorySource.Resolution.HOUR, 24);
            assertEquals(24, hours.size());
            assertEquals(first.plusHours(6).toInstant(), hours.getFirst().start());
            assertEquals(first.plusHours(29).toInstant(), hours.getLast().start());
            assertEquals(0.5, hours.getLast().energyKWh(), 1e-9);
            assertEquals(230.0, hours.getLast().voltageAvgV(), 1e-9);
            assertEquals(30.0, hours.getLast().relayClosedMinutes(), 1e-9);
            List<HistorySource.Row> days = history.latest(HistorySource.Resolution.DAY, 60);
            assertEquals(List.of(Instant.parse("2026-03-01T00:00:00Z"), Instant.parse("2026-03-02T00:00:00Z")),
                    days.stream().map(HistorySource.Row::start).toList());
            assertEquals(12.0, days.getFirst().energyKWh(), 1e-9);
            List<HistorySource.Row> months = history.latest(HistorySource.Resolution.MONTH, 24);
            assertEquals(1, months.size());
            assertEquals(15.0, months.getFirst().energyKWh(), 1e-9);
        }
        assertEquals(List.of(), warnings);
    }
}
