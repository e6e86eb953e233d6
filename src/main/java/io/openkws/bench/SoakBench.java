package io.openkws.bench;

import io.openkws.app.VirtualRun;
import io.openkws.config.Config;
import io.openkws.io.sim.board.SimMains;
import io.openkws.protect.Event;
import io.openkws.service.DeviceCommand;
import io.openkws.time.Clock;
import io.openkws.time.VirtualClock;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The assembled device ({@link VirtualRun}) in virtual time for hours or weeks, with random load, supply faults
 * (over-voltage, under-voltage, over-current steps) and user commands (relay on/off, setting changes) through the
 * device service, checking that nothing grows: heap used after a full GC, live threads, and the size of every
 * queue, log and kept list ({@link VirtualRun#growableSizes()}).
 *
 * <p>Exists because the device must run for years on 512 MB: a list that gains one entry per trip or per LCD
 * refresh is invisible in a test of minutes and fatal after months. A size grows when its largest value in the
 * second half of the run exceeds its largest value in the first half (after a warm-up) by more than
 * {@link #SIZE_SLACK} (queues and timers come and go; a leak of one entry per trip or per hour over a simulated
 * week is hundreds) and its final value is above its starting one; the heap grows when its used size after GC ends more than {@link #HEAP_TOLERANCE_BYTES} above
 * where it started (the bench's own JVM: class loading and JIT data move it a little).
 */
public final class SoakBench {

    /** Virtual time the device runs before the starting figures are taken. */
    static final long WARMUP_NANOS = 10 * 60 * 1_000_000_000L;
    /** How often the sizes are sampled. */
    static final long SAMPLE_NANOS = 10 * 60 * 1_000_000_000L;
    /** Mean virtual time between two random actions. */
    static final long MEAN_ACTION_NANOS = 120 * 1_000_000_000L;
    /** Items by which a size may exceed its first-half maximum in the second half without counting as growth. */
    static final int SIZE_SLACK = 2;
    /** Heap-after-GC increase over a run still taken as noise rather than growth. */
    public static final long HEAP_TOLERANCE_BYTES = 1_000_000L;

    /**
     * The result.
     *
     * @param virtualHours    virtual hours run after the warm-up
     * @param wallSeconds     wall time it took
     * @param heapStartBytes  heap used after a full GC at the start
     * @param heapEndBytes    the same at the end
     * @param threadsStart    live threads of the JVM at the start
     * @param threadsEnd      the same at the end
     * @param sizes           per growable thing: start, largest in the first half, largest in the second half, end
     * @param grown           what grew (empty: nothing), with the heap as {@code heap} and threads as {@code threads}
     * @param actions         random actions taken, by kind
     * @param events          controller events seen, by type
     * @param lcdViolations   protocol violations the simulated LCD saw
     */
    public record Result(double virtualHours, double wallSeconds, long heapStartBytes, long heapEndBytes,
                         int threadsStart, int threadsEnd, Map<String, Sizes> sizes, List<String> grown,
                         Map<String, Long> actions, Map<String, Long> events, long lcdViolations) {
    }

    /** How one growable thing's size went. */
    public record Sizes(int start, int firstHalfMax, int secondHalfMax, int end) {
        boolean grew() {
            return secondHalfMax > firstHalfMax + SIZE_SLACK && end > start;
        }
    }

    private SoakBench() {
    }

    /** Runs {@code hours} of virtual time (after the warm-up) with actions drawn from {@code seed}. */
    public static Result run(double hours, long seed, Consumer<String> progress) throws IOException {
        Path work = Files.createTempDirectory("openkws-soak");
        try {
            return run(work, hours, seed, progress);
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static Result run(Path work, double hours, long seed, Consumer<String> progress) {
        Config config = Config.parse("soak.yaml", """
                board: sim
                protection:
                  overCurrent: { limit: 16.0, tripDelay: 1.0 }
                  recoveryDelay: 10.0
                  overloadRetries: 2
                  overloadRetryDelay: 10.0
                relay:
                  powerOnState: on
                state: %s
                """.formatted(work.resolve("state")));
        Map<String, Long> actions = new TreeMap<>();
        Map<String, Long> events = new TreeMap<>();
        long totalNanos = Clock.secondsToNanos(hours * 3600);
        try (VirtualRun run = new VirtualRun(config, seed)) {
            run.addEventListener(e -> events.merge(eventType(e), 1L, Long::sum));
            run.runFor(WARMUP_NANOS);
            long wallStart = System.nanoTime();
            long heapStart = heapAfterGc();
            int threadsStart = ManagementFactory.getThreadMXBean().getThreadCount();
            Actions driver = new Actions(run, new Random(seed), actions);
            Map<String, Integer> start = driver.sizes();
            Map<String, Integer> firstMax = new TreeMap<>(start);
            Map<String, Integer> secondMax = new TreeMap<>();
            VirtualClock clock = run.clock();
            long begin = clock.nanoTime();
            long nextSample = begin + SAMPLE_NANOS;
            long nextAction = begin + driver.nextGapNanos();
            long nextReport = begin + 24 * 3600 * 1_000_000_000L;
            while (clock.nanoTime() - (begin + totalNanos) < 0) {
                long now = clock.nanoTime();
                long until = Math.min(Math.min(nextSample, nextAction), begin + totalNanos);
                run.runFor(Math.max(1, until - now));
                now = clock.nanoTime();
                if (now - nextAction >= 0) {
                    driver.act();
                    nextAction = now + driver.nextGapNanos();
                }
                if (now - nextSample >= 0) {
                    Map<String, Integer> target = now - begin < totalNanos / 2 ? firstMax : secondMax;
                    driver.sizes().forEach((k, v) -> target.merge(k, v, Math::max));
                    nextSample = now + SAMPLE_NANOS;
                }
                if (progress != null && now - nextReport >= 0) {
                    progress.accept(String.format(java.util.Locale.ROOT, "soak: %.0f of %.0f virtual hours",
                            (now - begin) / 3.6e12, hours));
                    nextReport += 24 * 3600 * 1_000_000_000L;
                }
            }
            Map<String, Integer> end = driver.sizes();
            end.forEach((k, v) -> secondMax.merge(k, v, Math::max));
            long heapEnd = heapAfterGc();
            int threadsEnd = ManagementFactory.getThreadMXBean().getThreadCount();
            Map<String, Sizes> sizes = new LinkedHashMap<>();
            List<String> grown = new ArrayList<>();
            for (String k : end.keySet()) {
                Sizes s = new Sizes(start.getOrDefault(k, 0), firstMax.getOrDefault(k, 0),
                        secondMax.getOrDefault(k, 0), end.get(k));
                sizes.put(k, s);
                if (s.grew()) {
                    grown.add(k);
                }
            }
            if (heapEnd - heapStart > HEAP_TOLERANCE_BYTES) {
                grown.add("heap");
            }
            if (threadsEnd > threadsStart) {
                grown.add("threads");
            }
            return new Result((clock.nanoTime() - begin) / 3.6e12, (System.nanoTime() - wallStart) / 1e9, heapStart,
                    heapEnd, threadsStart, threadsEnd, sizes, List.copyOf(grown), actions, events,
                    run.lcdViolations());
        }
    }

    private static String eventType(Event e) {
        return switch (e) {
            case Event.Relay r -> r.on() ? "relay-on" : "relay-off";
            case Event.Trip t -> "trip-" + t.fault().name().toLowerCase(java.util.Locale.ROOT);
            case Event.Lockout l -> "lockout";
            case Event.Refused r -> "refused";
            case Event.AlarmRaised a -> "alarm";
            case Event.AlarmCleared a -> "alarm-cleared";
            case Event.Reading r -> "reading";
        };
    }

    /** Heap used after two full collections (the bench's whole JVM). */
    private static long heapAfterGc() {
        for (int i = 0; i < 2; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /**
     * The random actions: load changes, supply faults that end after a while, relay commands and setting changes
     * through the device service, as a household and its grid would produce them.
     */
    private static final class Actions {
        private final VirtualRun run;
        private final Random random;
        private final Map<String, Long> counts;
        /** Supply restorations scheduled and not yet run: the bench's own timers, not the device's. */
        private int pendingRestores;

        Actions(VirtualRun run, Random random, Map<String, Long> counts) {
            this.run = run;
            this.random = random;
            this.counts = counts;
        }

        long nextGapNanos() {
            return 1 + (long) (-Math.log(1 - random.nextDouble()) * MEAN_ACTION_NANOS);
        }

        void act() {
            SimMains mains = run.mains();
            int pick = random.nextInt(100);
            if (pick < 40) {
                count("load");
                mains.setCurrentA(random.nextDouble() * 12);
                mains.setPowerFactor(0.5 + random.nextDouble() * 0.5);
            } else if (pick < 50) {
                count("over-voltage");
                mains.setVoltageV(255 + random.nextDouble() * 15);
                later(2 + random.nextInt(60), () -> mains.setVoltageV(220 + random.nextDouble() * 20));
            } else if (pick < 60) {
                count("under-voltage");
                mains.setVoltageV(150 + random.nextDouble() * 25);
                later(3 + random.nextInt(60), () -> mains.setVoltageV(220 + random.nextDouble() * 20));
            } else if (pick < 70) {
                count("over-current");
                mains.setCurrentA(17 + random.nextDouble() * 13);
                later(2 + random.nextInt(20), () -> mains.setCurrentA(random.nextDouble() * 10));
            } else if (pick < 78) {
                count("relay-off");
                run.service().execute(new DeviceCommand.Relay(false));
            } else if (pick < 90) {
                count("relay-on");
                run.service().execute(new DeviceCommand.Relay(true));
            } else if (pick < 95) {
                count("setting");
                run.service().execute(new DeviceCommand.ChangeSetting("overVoltage", 245 + random.nextInt(16)));
            } else {
                count("reset-lockout");
                run.service().execute(new DeviceCommand.ResetLockout());
            }
        }

        private void later(int seconds, Runnable action) {
            pendingRestores++;
            run.clock().schedule(seconds * 1_000_000_000L, () -> {
                pendingRestores--;
                action.run();
            });
        }

        /** The device's growable sizes, its pending timers without the bench's own. */
        Map<String, Integer> sizes() {
            Map<String, Integer> sizes = run.growableSizes();
            sizes.merge("clock.pendingTasks", -pendingRestores, Integer::sum);
            return sizes;
        }

        private void count(String kind) {
            counts.merge(kind, 1L, Long::sum);
        }
    }
}
