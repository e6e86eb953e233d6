package io.openkws.meter.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openkws.store.StateStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a process that keeps the state store and the history (SIGKILL) at random points, 200 times, and checks
 * after each kill that the database opens as it is, no hour is counted twice (roll-ups agree with the hours,
 * the history never exceeds the state store's total), every hour the child reported written is there, and only
 * the hour in progress is missing: a restart that closes it brings the history to the state store's total exactly.
 */
@Tag("slow")
class HistoryTortureTest {

    private static final int KILLS = 200;

    @Test
    void history_survives_two_hundred_sigkills_at_random_points(@TempDir Path dir, @TempDir Path scratch)
            throws Exception {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = ProcessHandle.current().info().command().orElse("java");
        Random random = new Random(20261127);
        long realStart = System.currentTimeMillis();
        double previousHistory = 0;
        int hoursSeen = 0;
        for (int kill = 0; kill < KILLS; kill++) {
            Process child = new ProcessBuilder(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                    "--enable-native-access=ALL-UNNAMED", "-Dorg.sqlite.tmpdir=" + scratch,
                    "-cp", classPath, HistoryTortureChild.class.getName(), dir.toString(), Long.toString(realStart))
                    .redirectErrorStream(true).start();
            long lastClosedHour = -1;
            int linesBeforeKill = 1 + random.nextInt(40);
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (int line = 0; line < linesBeforeKill; line++) {
                    String text = out.readLine();
                    if (text == null || !(text.startsWith("saved ") || text.startsWith("closed "))) {
                        throw new AssertionError("kill " + kill + ": child failed: " + text);
                    }
                    if (text.startsWith("closed ")) {
                        lastClosedHour = Long.parseLong(text.substring(7));
                    }
                }
                if (random.nextBoolean()) {
                    TimeUnit.MICROSECONDS.sleep(random.nextInt(3000));
                }
                child.destroyForcibly();
                child.waitFor(10, TimeUnit.SECONDS);
            }
            StateStore.Loaded state = new StateStore(dir).load(HistoryTortureChild.DAY);
            assertEquals(List.of(), state.warnings(), "kill " + kill);
            double stateKWh = state.state().energyKWh();

            List<String> warnings = new ArrayList<>();
            double historyKWh;
            try (HistoryStore store = HistoryStore.open(dir, HistoryTortureChild.KEEP_ALL, warnings::add, Clock.systemUTC())) {
                assertTrue(store.isOpen(), "kill " + kill);
                List<HistoryRow> hours = store.hours(LocalDate.MIN, LocalDate.MAX);
                historyKWh = sum(hours);
                assertEquals(historyKWh, sum(store.days(LocalDate.MIN, LocalDate.MAX)), 1e-6, "kill " + kill + ": days");
                assertEquals(historyKWh, sum(store.months(YearMonth.of(2000, 1), YearMonth.of(2999, 12))), 1e-6,
                        "kill " + kill + ": months");
                if (lastClosedHour >= 0) {
                    String hour = HistoryStore.HOUR_FORMAT.format(
                            Instant.ofEpochSecond(lastClosedHour).atZone(ZoneOffset.UTC));
                    assertTrue(hours.stream().anyMatch(h -> h.period().equals(hour)),
                            "kill " + kill + ": the hour " + hour + " the child wrote is missing");
                }
                hoursSeen = hours.size();
            }
            assertEquals(List.of(), warnings, "kill " + kill + ": the database needed repair");
            assertTrue(historyKWh <= stateKWh + 1e-9,
                    "kill " + kill + ": history " + historyKWh + " kWh exceeds the state store's " + stateKWh);
            assertTrue(historyKWh >= previousHistory - 1e-9, "kill " + kill + ": history went backwards");
            previousHistory = historyKWh;
            assertEquals(stateKWh, afterRestart(dir, scratch.resolve("restart-" + kill), stateKWh), 1e-6,
                    "kill " + kill + ": more than the hour in progress is missing");
        }
        assertTrue(hoursSeen > 100, "only " + hoursSeen + " hours written in the whole run");
    }

    /** The history total once a restarted meter has closed its hour in progress (on a copy of the directory). */
    private static double afterRestart(Path dir, Path copy, double stateKWh) throws Exception {
        Files.createDirectories(copy);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, copy.resolve(f.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        List<String> warnings = new ArrayList<>();
        double total;
        try (HistoryStore store = HistoryStore.open(copy, HistoryTortureChild.KEEP_ALL, warnings::add, Clock.systemUTC())) {
            HistoryRecorder recorder = new HistoryRecorder(store, ZoneOffset.UTC, () -> stateKWh);
            long later = store.newestHour(ZoneOffset.UTC).map(h -> h.start().toInstant().toEpochMilli()).orElse(0L)
                    + 10 * 3_600_000L;
            recorder.record(new HistorySample(later, 230, 0, true, stateKWh));
            recorder.tick(later + 3_600_000L);
            total = sum(store.hours(LocalDate.MIN, LocalDate.MAX));
        }
        assertEquals(List.of(), warnings);
        return total;
    }

    private static double sum(List<HistoryRow> rows) {
        return rows.stream().mapToDouble(r -> r.totals().energyKWh()).sum();
    }
}
