package io.openkws.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openkws.meter.history.HistoryRecorder;
import io.openkws.meter.history.HistorySample;
import io.openkws.meter.history.HistoryStore;
import io.openkws.meter.history.Retention;
import io.openkws.store.PersistedState;
import io.openkws.store.StateStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code openkws history} on the state directory of a simulated week: a meter fed every 10 s with 1.5 kW from
 * 08:00 to 18:00 and 0.3 kW otherwise, whose relay was open from 12:00 to 14:00 on 2026-01-07.
 */
class HistoryCommandTest {

    static final ZonedDateTime MONDAY = ZonedDateTime.of(2026, 1, 5, 0, 0, 0, 0, ZoneOffset.UTC);
    static final long HOUR = 3_600_000L;

    @TempDir
    static Path week;
    static double lifetimeKWh;

    record Run(int exit, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }
    }

    static Run run(String... args) {
        CommandLine cli = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    static boolean relayOpen(ZonedDateTime t) {
        return t.toLocalDate().equals(LocalDate.of(2026, 1, 7)) && t.getHour() >= 12 && t.getHour() < 14;
    }

    static double powerW(ZonedDateTime t) {
        return relayOpen(t) ? 0 : t.getHour() >= 8 && t.getHour() < 18 ? 1500 : 300;
    }

    @BeforeAll
    static void simulate_a_week() throws Exception {
        long start = MONDAY.toInstant().toEpochMilli();
        double lifetime = 0;
        ZonedDateTime previous = null;
        try (HistoryRecorder recorder = new HistoryRecorder(
                HistoryStore.open(week, Retention.DEFAULT, w -> { throw new AssertionError(w); }, Clock.systemUTC()),
                ZoneOffset.UTC, () -> Double.POSITIVE_INFINITY)) {
            for (long t = start; t <= start + 7 * 24 * HOUR; t += 10_000) {
                ZonedDateTime now = MONDAY.plusNanos((t - start) * 1_000_000);
                if (previous != null) {
                    lifetime += powerW(previous) * 10 / 3_600_000.0;
                }
                recorder.record(new HistorySample(t, 230, powerW(now), !relayOpen(now), lifetime));
                previous = now;
            }
        }
        lifetimeKWh = lifetime;
        new StateStore(week).save(PersistedState.fresh(LocalDate.of(2026, 1, 12)).addEnergy(lifetime, LocalDate.of(2026, 1, 12)));
    }

    @Test
    void hourly_csv_has_one_row_per_hour_with_its_energy_and_relay_minutes() {
        Run r = run("history", "--state", week.toString(), "--by", "hour", "--csv");
        assertEquals(0, r.exit(), r.err());
        List<String> lines = r.lines();
        assertEquals("hour,energy_kwh,voltage_min,voltage_avg,voltage_max,power_max_w,relay_closed_min", lines.get(0));
        assertEquals(1 + 7 * 24 + 1, lines.size(), "168 hours and the start of the next one");
        assertEquals("2026-01-05T00:00Z,0.300,230.0,230.0,230.0,300.0,60.0", lines.get(1));
        assertEquals("2026-01-05T08:00Z,1.500,230.0,230.0,230.0,1500.0,60.0", lines.get(1 + 8));
        assertEquals("2026-01-07T12:00Z,0.000,230.0,230.0,230.0,0.0,0.0", lines.get(1 + 48 + 12));
        assertEquals("2026-01-07T14:00Z,1.500,230.0,230.0,230.0,1500.0,60.0", lines.get(1 + 48 + 14));
        assertEquals("2026-01-12T00:00Z,0.000,230.0,230.0,230.0,300.0,0.0", lines.getLast());
        double total = lines.stream().skip(1).mapToDouble(l -> Double.parseDouble(l.split(",")[1])).sum();
        assertEquals(lifetimeKWh, total, 1e-6);
    }

    @Test
    void daily_csv_has_the_days_totals_and_they_add_up_to_the_state_stores_total() {
        Run r = run("history", "--state", week.toString(), "--by", "day", "--csv");
        assertEquals(0, r.exit(), r.err());
        assertEquals(List.of(
                "day,energy_kwh,voltage_min,voltage_avg,voltage_max,power_max_w,relay_closed_min",
                "2026-01-05,19.200,230.0,230.0,230.0,1500.0,1440.0",
                "2026-01-06,19.200,230.0,230.0,230.0,1500.0,1440.0",
                "2026-01-07,16.200,230.0,230.0,230.0,1500.0,1320.0",
                "2026-01-08,19.200,230.0,230.0,230.0,1500.0,1440.0",
                "2026-01-09,19.200,230.0,230.0,230.0,1500.0,1440.0",
                "2026-01-10,19.200,230.0,230.0,230.0,1500.0,1440.0",
                "2026-01-11,19.200,230.0,230.0,230.0,1500.0,1440.0",
                "2026-01-12,0.000,230.0,230.0,230.0,300.0,0.0"), r.lines());
        double stateTotal = new StateStore(week).load(LocalDate.of(2026, 1, 12)).state().energyKWh();
        assertEquals(131.4, stateTotal, 1e-6);
    }

    @Test
    void month_rows_ranges_json_and_the_table_agree() {
        assertEquals(List.of("month,energy_kwh,voltage_min,voltage_avg,voltage_max,power_max_w,relay_closed_min",
                "2026-01,131.400,230.0,230.0,230.0,1500.0,9960.0"),
                run("history", "--state", week.toString(), "--by", "month", "--csv").lines());
        Run range = run("history", "--state", week.toString(), "--from", "2026-01-07", "--to", "2026-01-08", "--json");
        assertEquals(List.of(
                "{\"day\":\"2026-01-07\",\"energyKWh\":16.200,\"voltageMin\":230.0,\"voltageAvg\":230.0,\"voltageMax\":230.0,\"powerMaxW\":1500.0,\"relayClosedMin\":1320.0}",
                "{\"day\":\"2026-01-08\",\"energyKWh\":19.200,\"voltageMin\":230.0,\"voltageAvg\":230.0,\"voltageMax\":230.0,\"powerMaxW\":1500.0,\"relayClosedMin\":1440.0}"),
                range.lines());
        Run table = run("history", "--state", week.toString());
        assertEquals(0, table.exit(), table.err());
        assertTrue(table.lines().getFirst().startsWith("day "), table.out());
        assertTrue(table.lines().getLast().matches("total\\s+131\\.400"), table.out());
    }

    @Test
    void bad_dates_and_a_missing_database_are_one_line_errors(@TempDir Path empty) {
        Run badDate = run("history", "--state", week.toString(), "--from", "2026-13-01");
        assertEquals(Main.EXIT_USAGE, badDate.exit());
        assertEquals("openkws: --from: '2026-13-01' is not a date (expected YYYY-MM-DD, e.g. 2026-03-01)\n",
                badDate.err());
        Run reversed = run("history", "--state", week.toString(), "--from", "2026-02-01", "--to", "2026-01-01");
        assertEquals(Main.EXIT_USAGE, reversed.exit());
        assertEquals("openkws: --from 2026-02-01 is after --to 2026-01-01\n", reversed.err());
        Run missing = run("history", "--state", empty.toString());
        assertEquals(Main.EXIT_USAGE, missing.exit());
        assertEquals("openkws: " + empty.resolve("history.db") + ": no history yet (file not found)\n", missing.err());
        Run both = run("history", "--state", week.toString(), "--csv", "--json");
        assertEquals(Main.EXIT_USAGE, both.exit());
        assertEquals(1, both.err().lines().count(), both.err());
        Run badBy = run("history", "--state", week.toString(), "--by", "week");
        assertEquals(Main.EXIT_USAGE, badBy.exit());
        assertEquals(1, badBy.err().lines().count(), badBy.err());
    }
}
