package io.openkws.meter.history;

import io.openkws.store.PersistedState;
import io.openkws.store.StateStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Random;

/**
 * Child process for {@link HistoryTortureTest}: a meter drawing 2 kW whose virtual clock runs one minute per real
 * millisecond (shared by every child through the wall clock, so it never runs backwards across kills). It keeps
 * the lifetime total in the state store (saved every 0 to 30 virtual minutes) and the history through a
 * {@link HistoryRecorder} capped at the saved total, until it is killed. Prints {@code saved <kWh>} after each
 * state save, {@code closed <hour start epoch s>} after each hour it wrote and {@code warn ...} on any warning.
 */
public final class HistoryTortureChild {

    /** Virtual time of the first child's start: 2026-01-01T00:00Z. */
    static final long EPOCH_MILLIS = 1_767_225_600_000L;
    /** Virtual milliseconds per real millisecond. */
    static final long SPEEDUP = 60_000;
    static final double POWER_KW = 2.0;
    static final LocalDate DAY = LocalDate.of(2026, 1, 1);
    static final Retention KEEP_ALL = new Retention(876_600, 36_525);

    private HistoryTortureChild() {
    }

    static long virtualNow(long realStartMillis) {
        return EPOCH_MILLIS + (System.currentTimeMillis() - realStartMillis) * SPEEDUP;
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        long realStart = Long.parseLong(args[1]);
        StateStore states = new StateStore(dir);
        PersistedState state = states.load(DAY).state();
        double[] saved = {state.energyKWh()};
        HistoryRecorder recorder = new HistoryRecorder(
                HistoryStore.open(dir, KEEP_ALL, w -> System.out.println("warn " + w.replace('\n', ' ')),
                        Clock.systemUTC()),
                ZoneOffset.UTC, () -> saved[0]);
        Random random = new Random();
        double lifetime = state.energyKWh();
        long previous = -1;
        long previousHour = -1;
        long nextSave = 0;
        while (true) {
            long now = Math.max(virtualNow(realStart), previous);
            if (previous >= 0) {
                lifetime += POWER_KW * (now - previous) / 3_600_000.0;
            }
            if (now >= nextSave) {
                state = state.addEnergy(lifetime - state.energyKWh(), DAY);
                states.save(state);
                saved[0] = state.energyKWh();
                System.out.println("saved " + saved[0]);
                nextSave = now + random.nextInt(30) * 60_000L;
            }
            recorder.record(new HistorySample(now, 230, POWER_KW * 1000, true, lifetime));
            long hour = Math.floorDiv(now, 3_600_000L);
            if (previousHour >= 0 && hour != previousHour) {
                System.out.println("closed " + previousHour * 3600);
            }
            System.out.flush();
            previous = now;
            previousHour = hour;
            Thread.sleep(1);
        }
    }
}
