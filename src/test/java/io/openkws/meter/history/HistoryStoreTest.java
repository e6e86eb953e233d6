package io.openkws.meter.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The database: round trip, idempotent hour writes, retention, and damaged files moved aside. */
class HistoryStoreTest {

    static final ZonedDateTime H0 = ZonedDateTime.of(2026, 1, 31, 22, 0, 0, 0, ZoneOffset.UTC);
    static final Clock WALL = Clock.fixed(Instant.parse("2026-11-27T13:30:00Z"), ZoneOffset.UTC);

    final List<String> warnings = new ArrayList<>();

    HistoryStore open(Path dir, Retention retention) {
        return HistoryStore.open(dir, retention, warnings::add, WALL);
    }

    static HourRecord hour(int index, double energyKWh, double voltageV, double lifetimeEndKWh, HistoryEvent... events) {
        return new HourRecord(H0.plusHours(index),
                new Totals(energyKWh, 100, voltageV - 1, voltageV * 100, voltageV + 1, energyKWh * 1000, 1800),
                lifetimeEndKWh, List.of(events));
    }

    @Test
    void hours_days_months_and_events_read_back_as_written(@TempDir Path dir) {
        HistoryEvent trip = new HistoryEvent(H0.plusMinutes(90).toInstant().toEpochMilli(), "trip",
                "{\"t\":5400.000,\"type\":\"trip\",\"fault\":\"OVP\",\"value\":262.0,\"limit\":250.0}");
        try (HistoryStore store = open(dir, Retention.DEFAULT)) {
            for (int h = 0; h < 4; h++) {
                assertTrue(store.write(h == 1 ? hour(h, 1.0 + h, 230, 10 + h, trip) : hour(h, 1.0 + h, 230, 10 + h)));
            }
        }
        try (HistoryStore store = open(dir, Retention.DEFAULT)) {
            List<HistoryRow> hours = store.hours(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31));
            assertEquals(List.of("2026-01-31T22:00Z", "2026-01-31T23:00Z", "2026-02-01T00:00Z", "2026-02-01T01:00Z"),
                    hours.stream().map(HistoryRow::period).toList());
            assertEquals(hour(2, 3.0, 230, 12).totals(), hours.get(2).totals());
            List<HistoryRow> days = store.days(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31));
            assertEquals(2, days.size());
            assertEquals("2026-01-31", days.get(0).period());
            assertEquals(3.0, days.get(0).totals().energyKWh(), 1e-12);
            assertEquals(7.0, days.get(1).totals().energyKWh(), 1e-12);
            assertEquals(200, days.get(1).totals().samples());
            assertEquals(60.0, days.get(1).totals().relayClosedMinutes(), 1e-12);
            assertEquals(4000.0, days.get(1).totals().powerMaxW());
            assertEquals(3.0, store.monthEnergyKWh(YearMonth.of(2026, 1)), 1e-12);
            assertEquals(7.0, store.monthEnergyKWh(YearMonth.of(2026, 2)), 1e-12);
            assertEquals(0.0, store.monthEnergyKWh(YearMonth.of(2026, 3)));
            assertEquals(List.of(trip), store.events(0, Long.MAX_VALUE));
            HourRecord newest = store.newestHour(ZoneOffset.UTC).orElseThrow();
            assertEquals(H0.plusHours(3), newest.start());
            assertEquals(13.0, newest.lifetimeEndKWh());
        }
        assertEquals(List.of(), warnings);
    }

    @Test
    void writing_an_hour_again_replaces_it_and_never_counts_it_twice(@TempDir Path dir) {
        HistoryEvent relay = new HistoryEvent(H0.toInstant().toEpochMilli() + 5, "relay", "{\"type\":\"relay\"}");
        try (HistoryStore store = open(dir, Retention.DEFAULT)) {
            store.write(hour(0, 0.5, 230, 10.5, relay));
            store.write(hour(0, 0.5, 230, 10.5, relay));
            store.write(hour(1, 1.0, 230, 11.5));
            assertEquals(1.5, store.monthEnergyKWh(YearMonth.of(2026, 1)), 1e-12);
            store.write(hour(0, 0.8, 240, 10.8, relay));
            List<HistoryRow> days = store.days(LocalDate.MIN, LocalDate.MAX);
            assertEquals(1, days.size());
            assertEquals(1.8, days.getFirst().totals().energyKWh(), 1e-12);
            assertEquals(200, days.getFirst().totals().samples());
            assertEquals(241.0, days.getFirst().totals().voltageMaxV());
            assertEquals(1.8, store.monthEnergyKWh(YearMonth.of(2026, 1)), 1e-12);
            assertEquals(1, store.events(0, Long.MAX_VALUE).size());
            assertEquals(2, store.hours(LocalDate.MIN, LocalDate.MAX).size());
        }
    }

    @Test
    void retention_deletes_old_hours_then_old_days_and_keeps_every_month(@TempDir Path dir) {
        Retention keep = new Retention(24, 2);
        try (HistoryStore store = open(dir, keep)) {
            for (int h = 0; h < 24 * 5; h++) {
                store.write(hour(h, 1.0, 230, h + 1,
                        new HistoryEvent(H0.plusHours(h).toInstant().toEpochMilli(), "relay", "{\"h\":" + h + "}")));
            }
            List<HistoryRow> hours = store.hours(LocalDate.MIN, LocalDate.MAX);
            assertEquals(25, hours.size());
            assertEquals(HistoryStore.HOUR_FORMAT.format(H0.plusHours(24 * 5 - 1 - 24)), hours.getFirst().period());
            List<HistoryRow> days = store.days(LocalDate.MIN, LocalDate.MAX);
            assertEquals(List.of("2026-02-04", "2026-02-05"), days.stream().map(HistoryRow::period).toList());
            assertEquals(2.0, store.monthEnergyKWh(YearMonth.of(2026, 1)), 1e-12);
            assertEquals(118.0, store.monthEnergyKWh(YearMonth.of(2026, 2)), 1e-12);
            long oldestEvent = store.events(0, Long.MAX_VALUE).getFirst().epochMillis();
            assertEquals(H0.plusHours(24 * 5 - 1).minusDays(2).toInstant().toEpochMilli(), oldestEvent);
        }
    }

    @Test
    void a_file_that_is_not_a_database_is_moved_aside_with_one_warning_and_a_new_one_started(@TempDir Path dir)
            throws Exception {
        Files.writeString(dir.resolve(HistoryStore.FILE), "this is not SQLite at all, just text ".repeat(200));
        try (HistoryStore store = open(dir, Retention.DEFAULT)) {
            assertTrue(store.isOpen());
            assertTrue(store.write(hour(0, 1.0, 230, 1.0)));
            assertEquals(1, store.hours(LocalDate.MIN, LocalDate.MAX).size());
        }
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.getFirst().contains("corrupt or unreadable")
                && warnings.getFirst().contains("moved aside to history.db.corrupt-20261127T133000Z"), warnings.getFirst());
        assertTrue(Files.readString(dir.resolve("history.db.corrupt-20261127T133000Z")).startsWith("this is not SQLite"));
    }

    @Test
    void a_database_with_damaged_pages_is_moved_aside(@TempDir Path dir) throws Exception {
        try (HistoryStore store = open(dir, Retention.DEFAULT)) {
            for (int h = 0; h < 400; h++) {
                store.write(hour(h, 1.0, 230, h + 1, new HistoryEvent(h, "relay", "{\"padding\":\"" + "x".repeat(300) + h + "\"}")));
            }
        }
        long size = Files.size(dir.resolve(HistoryStore.FILE));
        assertTrue(size > 8 * 4096, "database of " + size + " bytes");
        try (RandomAccessFile f = new RandomAccessFile(dir.resolve(HistoryStore.FILE).toFile(), "rw")) {
            for (long page = 2; page * 4096 < size; page += 2) {
                f.seek(page * 4096 + 17);
                f.write(new byte[] {(byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef, 0x55, 0x66, 0x77});
            }
        }
        try (HistoryStore store = open(dir, Retention.DEFAULT)) {
            assertTrue(store.write(hour(0, 2.0, 230, 2.0)));
            assertEquals(2.0, store.monthEnergyKWh(YearMonth.of(2026, 1)), 1e-12);
        }
        assertEquals(1, warnings.size(), warnings.toString());
        try (Stream<Path> files = Files.list(dir)) {
            assertTrue(files.anyMatch(p -> p.getFileName().toString().startsWith("history.db.corrupt-")));
        }
    }

    @Test
    void an_unopenable_database_is_moved_aside_and_nothing_is_thrown(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve(HistoryStore.FILE));
        HistoryStore store = open(dir, Retention.DEFAULT);
        assertTrue(store.write(hour(0, 1.0, 230, 1.0)));
        store.close();
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(Files.isDirectory(dir.resolve("history.db.corrupt-20261127T133000Z")));
    }

    @Test
    void a_directory_that_cannot_hold_a_database_is_a_warning_and_writes_return_false(@TempDir Path dir)
            throws Exception {
        Path notADirectory = dir.resolve("file");
        Files.writeString(notADirectory, "x");
        HistoryStore store = open(notADirectory, Retention.DEFAULT);
        assertFalse(store.isOpen());
        assertFalse(store.write(hour(0, 1.0, 230, 1.0)));
        assertEquals(List.of(), store.hours(LocalDate.MIN, LocalDate.MAX));
        store.close();
        assertTrue(warnings.size() >= 1);
        assertTrue(warnings.stream().allMatch(w -> w.contains("history unavailable")), warnings.toString());
    }

    @Test
    void reading_a_missing_or_foreign_database_is_a_one_line_error(@TempDir Path dir) throws Exception {
        HistoryException missing = assertThrows(HistoryException.class, () -> HistoryStore.openForReading(dir));
        assertEquals(dir.resolve("history.db") + ": no history yet (file not found)", missing.getMessage());
        assertThrows(HistoryException.class, () -> HistoryStore.openForReading(dir.resolve("nope")));
        Files.writeString(dir.resolve(HistoryStore.FILE), "garbage ".repeat(100));
        HistoryException foreign = assertThrows(HistoryException.class, () -> HistoryStore.openForReading(dir));
        assertTrue(foreign.getMessage().startsWith(dir.resolve("history.db") + ": not a readable history database ("),
                foreign.getMessage());
        assertFalse(foreign.getMessage().contains("\n"));
        assertTrue(Files.exists(dir.resolve(HistoryStore.FILE)), "a reader never moves a database aside");
    }
}
