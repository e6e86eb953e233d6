package io.openkws.meter.ht7017;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openkws.meter.ht7017.PhaseLockedSchedule.Read;
import io.openkws.meter.ht7017.PhaseLockedSchedule.Timing;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The schedule in virtual time against a model chip whose registers change at given update instants: it locks to
 * the updates, follows them, re-learns them, and keeps the old rotation when there is nothing to learn.
 */
class PhaseLockedScheduleTest {

    private static final long MS = 1_000_000L;
    private static final long SECOND = 1000 * MS;
    private static final Timing TIMING = Timing.ht7017();

    /** The model chip's update instants, generated as far as needed. */
    private interface Updates {
        /** Instant of update {@code k} (k = 0, 1, ...), increasing. */
        long at(long k);
    }

    /** Updates every {@code periodNanos} from {@code phaseNanos}. */
    private static Updates regular(long phaseNanos, long periodNanos) {
        return k -> phaseNanos + k * periodNanos;
    }

    /**
     * The control loop's poll against a model chip: the reads the schedule plans, each costing a register time, the
     * chip taking the value {@code latchNanos} into the read. Records which update each read saw.
     */
    private static final class Rig {
        final PhaseLockedSchedule schedule = new PhaseLockedSchedule(TIMING);
        final List<Long> instants = new ArrayList<>();
        final List<long[]> reads = new ArrayList<>();
        Updates updates;
        long now;
        /** Whether the registers change at an update (noise) or never. */
        boolean changing = true;
        Random erratic;
        /** An update whose count happens to equal the one before (noise gives the same value twice). */
        long repeatedUpdate = -1;
        int lockedPolls;
        int polls;

        Rig(Updates updates) {
            this.updates = updates;
        }

        /** Updates shown by the chip at {@code t} (the count of instants at or before it). */
        long updatesAt(long t) {
            while (instants.isEmpty() || instants.get(instants.size() - 1) <= t) {
                instants.add(updates.at(instants.size()));
            }
            int n = 0;
            while (n < instants.size() && instants.get(n) <= t) {
                n++;
            }
            return n;
        }

        int voltageRaw(long latch) {
            if (erratic != null) {
                return erratic.nextInt(2);
            }
            long shown = updatesAt(latch);
            if (shown == repeatedUpdate) {
                shown--;
            }
            return changing ? (int) (2_500_000 + (shown * 7919) % 1000) : 2_521_251;
        }

        void poll() {
            Read read;
            do {
                read = schedule.plan(now);
                now = Math.max(now, schedule.startAtNanos());
                if (read == Read.VOLTAGE) {
                    boolean again;
                    do {
                        long start = now;
                        long latch = start + TIMING.latchNanos();
                        int raw = voltageRaw(latch);
                        reads.add(new long[] {Read.VOLTAGE.ordinal(), latch, updatesAt(latch)});
                        now += TIMING.readNanos();
                        again = schedule.voltageRead(start, now, raw);
                    } while (again);
                } else {
                    long latch = now + TIMING.latchNanos();
                    reads.add(new long[] {read.ordinal(), latch, updatesAt(latch)});
                    now += TIMING.readNanos();
                    schedule.itemRead(read);
                }
            } while (!schedule.pollEnds(read));
            polls++;
            if (schedule.locked()) {
                lockedPolls++;
            }
        }

        void runUntil(long t) {
            while (now < t) {
                poll();
            }
        }

        /** Chip time from each update after {@code from} to the first voltage read that saw it, ms, sorted. */
        double[] voltageLatenciesMs(long from) {
            List<Double> out = new ArrayList<>();
            long seen = -1;
            for (long[] r : reads) {
                if (r[0] != Read.VOLTAGE.ordinal()) {
                    continue;
                }
                long shown = r[2];
                if (shown > seen && seen >= 0 && shown >= 1) {
                    long instant = instants.get((int) shown - 1);
                    if (instant >= from) {
                        out.add((r[1] - instant) / 1e6);
                    }
                }
                seen = Math.max(seen, shown);
            }
            double[] a = out.stream().mapToDouble(Double::doubleValue).toArray();
            Arrays.sort(a);
            return a;
        }

        /** For every whole update period after {@code from}: how often {@code read} was read in it. */
        int[] readsPerUpdate(Read read, long from) {
            List<Integer> counts = new ArrayList<>();
            for (int k = 0; k + 1 < instants.size(); k++) {
                long start = instants.get(k);
                long end = instants.get(k + 1);
                if (start < from || end > now - TIMING.readNanos()) {
                    continue;
                }
                int n = 0;
                for (long[] r : reads) {
                    if (r[0] == read.ordinal() && r[1] >= start && r[1] < end) {
                        n++;
                    }
                }
                counts.add(n);
            }
            return counts.stream().mapToInt(Integer::intValue).toArray();
        }

        /** Register order of all reads so far, one letter each (U, I, P, S). */
        String order() {
            StringBuilder b = new StringBuilder();
            for (long[] r : reads) {
                b.append("UIPS".charAt((int) r[0]));
            }
            return b.toString();
        }
    }

    private static double percentile(double[] sorted, double p) {
        int i = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    private static void assertLockedAndQuick(Rig rig, long from) {
        assertTrue(rig.schedule.locked(), "locked");
        double[] latencies = rig.voltageLatenciesMs(from);
        System.out.printf("period %.4f ms: latency p50 %.2f p90 %.2f p99 %.2f max %.2f ms; rereads %d of %d, locks %d misses %d%n",
                rig.schedule.periodNanos() / 1e6, percentile(latencies, 50), percentile(latencies, 90),
                percentile(latencies, 99), latencies[latencies.length - 1], rig.schedule.rereads(), latencies.length,
                rig.schedule.locks(), rig.schedule.misses());
        assertTrue(latencies.length > 20, "updates seen: " + latencies.length);
        double p50 = percentile(latencies, 50);
        double p95 = percentile(latencies, 95);
        double max = latencies[latencies.length - 1];
        assertTrue(p50 <= 2.5, "median from update to the voltage read taking it: " + p50 + " ms");
        assertTrue(p95 <= 4.0, "p95: " + p95 + " ms (the unsynchronised rotation: 26 ms)");
        assertTrue(max <= (TIMING.readNanos() + TIMING.marginNanos()) / 1e6,
                "worst: " + max + " ms (one repeated read at most)");
    }

    @Test
    void it_locks_to_an_80_ms_update_period_and_reads_the_voltage_within_a_few_ms_of_each_update() {
        Rig rig = new Rig(regular(37 * MS, 80 * MS));
        rig.runUntil(2 * SECOND);
        assertTrue(rig.schedule.locked(), "locked within 2 s");
        rig.runUntil(12 * SECOND);
        assertLockedAndQuick(rig, 4 * SECOND);
        assertEquals(80.0, rig.schedule.periodNanos() / 1e6, 0.02, "learnt period, ms");
        assertEquals(1, rig.schedule.locks());
        assertEquals(0, rig.schedule.misses());
    }

    @Test
    void it_locks_to_a_320_ms_update_period() {
        Rig rig = new Rig(regular(211 * MS, 320 * MS));
        rig.runUntil(6 * SECOND);
        assertTrue(rig.schedule.locked(), "locked within 6 s (a dozen updates)");
        rig.runUntil(40 * SECOND);
        assertLockedAndQuick(rig, 12 * SECOND);
        assertEquals(320.0, rig.schedule.periodNanos() / 1e6, 0.02, "learnt period, ms");
        assertEquals(1, rig.schedule.locks());
    }

    @Test
    void locked_current_and_power_are_read_once_per_update_and_slow_registers_fill_the_rest() {
        for (long period : new long[] {80 * MS, 100 * MS, 320 * MS}) {
            Rig rig = new Rig(regular(5 * MS, period));
            rig.runUntil(10 * SECOND);
            rig.runUntil(30 * SECOND);
            assertTrue(rig.schedule.locked());
            long from = 10 * SECOND;
            int[] current = rig.readsPerUpdate(Read.CURRENT, from);
            int[] power = rig.readsPerUpdate(Read.POWER, from);
            int[] slow = rig.readsPerUpdate(Read.SLOW, from);
            assertTrue(current.length > 50);
            assertTrue(Arrays.stream(current).allMatch(n -> n == 1), "current per update: " + Arrays.toString(current));
            assertTrue(Arrays.stream(power).allMatch(n -> n == 1), "power per update: " + Arrays.toString(power));
            int slowFit = (int) ((period - 3 * TIMING.readNanos() - 2 * MS) / TIMING.readNanos());
            assertTrue(Arrays.stream(slow).allMatch(n -> n >= slowFit - 1 && n <= slowFit),
                    period / MS + " ms: slow reads per update " + Arrays.toString(slow) + ", " + slowFit + " fit");
        }
    }

    @Test
    void it_follows_a_slow_drift_of_the_update_period() {
        long start = 80 * MS;
        double drift = 0.4 * MS / (60.0 * SECOND);
        Updates ramp = k -> {
            double t = 13 * MS;
            double period = start;
            for (long i = 0; i < k; i++) {
                t += period;
                period += drift * period;
            }
            return Math.round(t);
        };
        Rig rig = new Rig(ramp);
        rig.runUntil(60 * SECOND);
        assertEquals(80.4, rig.schedule.periodNanos() / 1e6, 0.1, "the period it follows at the end, ms");
        assertLockedAndQuick(rig, 5 * SECOND);
        assertEquals(1, rig.schedule.locks(), "never lost lock");
    }

    @Test
    void after_a_chip_reset_it_learns_the_new_update_instants() {
        long[] resetAt = {Long.MAX_VALUE};
        Updates beforeAndAfter = k -> {
            long t = 21 * MS + k * 80 * MS;
            return t < resetAt[0] ? t : t + 47 * MS;
        };
        Rig rig = new Rig(beforeAndAfter);
        rig.runUntil(5 * SECOND);
        assertTrue(rig.schedule.locked());
        resetAt[0] = rig.now;
        rig.instants.removeIf(t -> t >= resetAt[0]);
        rig.schedule.restart();
        assertFalse(rig.schedule.locked(), "a re-initialised chip is learnt again");
        rig.runUntil(rig.now + 2 * SECOND);
        assertTrue(rig.schedule.locked(), "locked again within 2 s");
        long from = rig.now;
        rig.runUntil(from + 10 * SECOND);
        assertLockedAndQuick(rig, from);
    }

    @Test
    void an_update_phase_that_jumps_unannounced_is_found_again() {
        long jumpAt = 5 * SECOND;
        Updates jumping = k -> {
            long t = 21 * MS + k * 80 * MS;
            return t < jumpAt ? t : t + 33 * MS;
        };
        Rig rig = new Rig(jumping);
        rig.runUntil(jumpAt);
        assertTrue(rig.schedule.locked());
        rig.runUntil(jumpAt + 10 * SECOND);
        assertEquals(2, rig.schedule.locks(), "lock given up when the intervals stopped fitting, then learnt again");
        assertLockedAndQuick(rig, jumpAt + 5 * SECOND);
    }

    @Test
    void a_value_that_repeats_once_by_chance_keeps_the_lock() {
        Rig rig = new Rig(regular(37 * MS, 80 * MS));
        rig.runUntil(5 * SECOND);
        assertTrue(rig.schedule.locked());
        rig.repeatedUpdate = rig.updatesAt(rig.now) + 2;
        rig.runUntil(10 * SECOND);
        assertEquals(0, rig.schedule.misses(), "the change a period later placed the update");
        assertEquals(1, rig.schedule.locks(), "lock was kept");
        assertLockedAndQuick(rig, 6 * SECOND);
    }

    @Test
    void a_value_that_never_changes_keeps_the_old_rotation_with_the_voltage_every_second_read() {
        Rig rig = new Rig(regular(0, 80 * MS));
        rig.changing = false;
        rig.runUntil(30 * SECOND);
        assertFalse(rig.schedule.locked());
        assertEquals(0, rig.schedule.locks());
        assertEquals(0, rig.lockedPolls);
        String order = rig.order();
        assertEquals("IUPUIUPUSU".repeat(order.length() / 10 + 1).substring(0, order.length()), order);
        assertEquals(rig.reads.size() * TIMING.readNanos(), rig.now, "no waiting: the reads follow back to back");
    }

    @Test
    void values_that_change_at_random_keep_the_old_rotation() {
        Rig rig = new Rig(regular(0, 80 * MS));
        rig.erratic = new Random(19);
        rig.runUntil(120 * SECOND);
        assertTrue(rig.lockedPolls <= rig.polls / 100, rig.lockedPolls + " of " + rig.polls + " polls locked");
        assertFalse(rig.schedule.locked());
    }

    @Test
    void before_lock_the_reads_are_the_old_rotation() {
        Rig rig = new Rig(regular(37 * MS, 80 * MS));
        while (!rig.schedule.locked()) {
            rig.poll();
        }
        String order = rig.order();
        assertEquals("IUPUIUPUSU".repeat(order.length() / 10 + 1).substring(0, order.length()), order);
    }
}
