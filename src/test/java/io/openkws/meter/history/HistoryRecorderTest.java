package io.openkws.meter.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer: database work only when an hour closes or at shutdown, restarts that never double count, month totals. */
class HistoryRecorderTest {

    static final long HOUR = 3_600_000L;
    static final int FRAME_BYTES = 4096 + 24;

    final List<String> warnings = new ArrayList<>();

    HistoryRecorder recorder(Path dir) {
        return new HistoryRecorder(HistoryStore.open(dir, Retention.DEFAULT, warnings::add, Clock.systemUTC()),
                ZoneOffset.UTC, () -> Double.POSITIVE_INFINITY);
    }

    static long millis(int year, int month, int day, int hour, int minute) {
        return ZonedDateTime.of(year, month, day, hour, minute, 0, 0, ZoneOffset.UTC).toInstant().toEpochMilli();
    }

    /** Feeds 1 kW every 10 s over [from, to); returns the lifetime total at {@code to}. */
    static double feed(HistoryRecorder r, long from, long to, double startKWh) {
        for (long t = from; t < to; t += 10_000) {
            r.record(new HistorySample(t, 230, 1000, true, startKWh + (t - from) / (double) HOUR));
        }
        return startKWh + (to - from) / (double) HOUR;
    }

    static long walBytes(Path dir) throws Exception {
        Path wal = dir.resolve(HistoryStore.FILE + "-wal");
        return Files.exists(wal) ? Files.size(wal) : 0;
    }

    @Test
    void nothing_is_written_within_an_hour_and_one_transaction_of_a_few_pages_when_it_closes(@TempDir Path dir)
            throws Exception {
        long t0 = millis(2026, 5, 1, 0, 0);
        try (HistoryRecorder r = recorder(dir)) {
            r.record(new HistorySample(t0, 230, 1000, true, 0));
            List<HistoryRow> anchor = r.store().hours(LocalDate.MIN, LocalDate.MAX);
            assertEquals(1, anchor.size(), "a new history stores where it starts at once");
            assertEquals(0.0, anchor.getFirst().totals().energyKWh());
            long before = walBytes(dir);
            feed(r, t0 + 10_000, t0 + HOUR, 10_000 / (double) HOUR);
            assertEquals(before, walBytes(dir), "no database write within the hour");
            for (int h = 1; h <= 24; h++) {
                feed(r, t0 + h * HOUR, t0 + h * HOUR + 20_000, h);
            }
            assertEquals(24, r.store().hours(LocalDate.MIN, LocalDate.MAX).size());
            long frames = (walBytes(dir) - before) / FRAME_BYTES;
            assertTrue(frames <= 24 * 6, "24 hour closings wrote " + frames + " WAL pages");
        }
    }

    @Test
    void a_clean_shutdown_writes_the_hour_in_progress_and_a_restart_in_that_hour_continues_it(@TempDir Path dir) {
        long t0 = millis(2026, 5, 1, 10, 0);
        double lifetime;
        try (HistoryRecorder r = recorder(dir)) {
            lifetime = feed(r, t0 + 30 * 60_000, t0 + 40 * 60_000, 50.0);
        }
        try (HistoryStore store = HistoryStore.open(dir, Retention.DEFAULT, warnings::add, Clock.systemUTC())) {
            List<HistoryRow> partial = store.hours(LocalDate.MIN, LocalDate.MAX);
            assertEquals(1, partial.size());
            assertEquals(10 / 60.0 - 10 / 3600.0, partial.getFirst().totals().energyKWh(), 1e-9);
        }
        try (HistoryRecorder r = recorder(dir)) {
            lifetime = feed(r, t0 + 45 * 60_000, t0 + HOUR + 15 * 60_000, lifetime);
            r.record(new HistorySample(t0 + 2 * HOUR, 230, 0, false, lifetime));
            assertEquals(2, r.store().hours(LocalDate.MIN, LocalDate.MAX).size());
        }
        try (HistoryStore store = HistoryStore.open(dir, Retention.DEFAULT, warnings::add, Clock.systemUTC())) {
            List<HistoryRow> hours = store.hours(LocalDate.MIN, LocalDate.MAX);
            assertEquals(3, hours.size());
            double total = hours.stream().mapToDouble(h -> h.totals().energyKWh()).sum();
            assertEquals(lifetime - 50.0, total, 1e-9);
            assertEquals(total, store.days(LocalDate.MIN, LocalDate.MAX).getFirst().totals().energyKWh(), 1e-9);
            assertEquals(total, store.monthEnergyKWh(YearMonth.of(2026, 5)), 1e-9);
            assertEquals(3, store.hours(LocalDate.MIN, LocalDate.MAX).size());
        }
        assertEquals(List.of(), warnings);
    }

    @Test
    void month_totals_include_the_hour_in_progress_and_roll_over_at_the_month_boundary(@TempDir Path dir) {
        try (HistoryRecorder r = recorder(dir)) {
            double lifetime = feed(r, millis(2026, 4, 30, 20, 0), millis(2026, 5, 1, 1, 30), 0);
            HistoryRecorder.MonthTotals totals = r.monthTotals();
            assertEquals(YearMonth.of(2026, 5), totals.month());
            assertEquals(1.5, totals.thisMonthKWh(), 0.01);
            assertEquals(4.0, totals.lastMonthKWh(), 0.01);
            assertEquals(lifetime, totals.thisMonthKWh() + totals.lastMonthKWh(), 1e-6 + 10 / 3600.0);
        }
    }

    @Test
    void events_are_stored_with_their_hour(@TempDir Path dir) {
        long t0 = millis(2026, 5, 1, 10, 0);
        HistoryEvent trip = new HistoryEvent(t0 + 60_000, "trip", "{\"t\":60.000,\"type\":\"trip\",\"fault\":\"OVP\"}");
        try (HistoryRecorder r = recorder(dir)) {
            r.record(new HistorySample(t0, 230, 0, true, 1));
            r.event(trip);
            assertEquals(List.of(), r.store().events(0, Long.MAX_VALUE));
            r.tick(t0 + HOUR);
            assertEquals(List.of(trip), r.store().events(0, Long.MAX_VALUE));
        }
    }
}
