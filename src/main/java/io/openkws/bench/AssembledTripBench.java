package io.openkws.bench;

import io.openkws.app.BoardParts;
import io.openkws.app.ChipSetup;
import io.openkws.app.Device;
import io.openkws.board.BoardSpec;
import io.openkws.config.Config;
import io.openkws.driver.relay.RelayListener;
import io.openkws.io.serial.ReopeningHt7017Link;
import io.openkws.io.serial.SerialHt7017Link;
import io.openkws.io.sim.ht7017.FrontEnd;
import io.openkws.io.sim.ht7017.Ht7017Sim;
import io.openkws.io.sim.ht7017.PtyHt7017Server;
import io.openkws.protect.Event;
import io.openkws.service.DeviceEvent;
import io.openkws.time.Clock;
import io.openkws.time.SystemClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * Real-time latency from over-voltage at the chip to the relay's OFF pulse on the device exactly as {@code run}
 * assembles it ({@link Device}): control loop, device thread, panel and LCD, MQTT exporter, event listeners — with
 * the simulated HT7017 served on a pseudo-terminal at wire pace and read through jSerialComm.
 *
 * <p>Exists because the number the safety case rests on must include whatever {@code run} does besides reading
 * and switching. Two variants: {@link Variant#CONNECTED} (the embedded broker running, the exporter connected, a
 * quick event listener) and {@link Variant#SLOW_LISTENERS} (an event listener that takes 200 ms over every event,
 * and no broker reachable). The clock starts at the chip's update instant that shows the over-voltage and stops at
 * the start of the OFF coil pulse. The relay's timing is shortened for the rig (10 ms pulses, 20 ms interval) in a
 * copy of the simulated board file, which cannot change the opening path. The simulated chip has the board's
 * {@code chipNoise}, so its registers change at every update and the HT7017 schedule can lock to them; trips are
 * timed after a few seconds of steady running.
 */
public final class AssembledTripBench {

    private static final double NORMAL_V = 230;
    private static final double OVER_V = 262;
    /** Steady running before the first timed trip. */
    static final long WARM_UP_MILLIS = 3000;

    /** What runs besides protection. */
    public enum Variant { CONNECTED, SLOW_LISTENERS }

    private AssembledTripBench() {
    }

    /** Runs {@code trips} over-voltage trips on the assembled device; {@code progress} is told after each. */
    public static TripLatencyBench.Result run(Variant variant, int trips, IntConsumer progress) throws Exception {
        return run(variant, trips, progress, null);
    }

    /**
     * Runs {@code trips} over-voltage trips on the assembled device, after {@link #WARM_UP_MILLIS} of steady running
     * (the HT7017 schedule learns the chip's update instants, the JIT compiles the loop); {@code ages}, when not
     * null, measures how old the readings are while the trips are timed.
     */
    public static TripLatencyBench.Result run(Variant variant, int trips, IntConsumer progress, ReadingAges ages)
            throws Exception {
        Path work = Files.createTempDirectory("openkws-bench-trip");
        try {
            return run(variant, trips, progress, ages, work);
        } finally {
            deleteQuietly(work);
        }
    }

    private static TripLatencyBench.Result run(Variant variant, int trips, IntConsumer progress, ReadingAges ages,
                                               Path work) throws Exception {
        Clock clock = SystemClock.instance();
        Path board = rigBoard(work);
        Config config = Config.parse("bench.yaml", """
                board: %s
                protection:
                  overVoltage: { limit: 250.0, tripDelay: 0.0, hysteresis: 5.0 }
                  recoveryDelay: 0.0
                relay:
                  powerOnState: on
                mqtt:
                  url: %s
                  deviceId: bench
                state: %s
                """.formatted(board, variant == Variant.CONNECTED ? "embedded" : "tcp://127.0.0.1:9",
                work.resolve("state")));
        BoardSpec spec = BoardSpec.load(board);
        List<PtyHt7017Server> servers = new ArrayList<>();
        BoardParts parts = BoardParts.simulated(spec, clock,
                ChipSetup.simulatedFrontEnd(spec, FrontEnd.load(spec.frontEndFile())),
                spec.simulation().orElseThrow().chipUpdatePeriodNanos(), 7017, chip -> {
                    PtyHt7017Server server = PtyHt7017Server.start(chip);
                    servers.add(server);
                    return new ReopeningHt7017Link(server.path(), () -> SerialHt7017Link.open(server.path(), clock),
                            clock);
                });
        BoardParts.Simulation sim = parts.simulation().orElseThrow();
        Ht7017Sim chip = sim.chip();
        if (ages != null) {
            chip.setReadListener(ages);
        }
        chip.setVoltageV(NORMAL_V);
        chip.setCurrentA(1);
        chip.setFrequencyHz(50);
        long[] overSince = {Long.MIN_VALUE};
        chip.setUpdateListener((atNanos, voltageV) -> {
            if (voltageV > 250 && overSince[0] == Long.MIN_VALUE) {
                overSince[0] = atNanos;
            }
        });
        BlockingQueue<Long> opens = new ArrayBlockingQueue<>(16);
        BlockingQueue<Long> closes = new ArrayBlockingQueue<>(16);
        parts.relay().addListener(new RelayListener() {
            @Override
            public void onPulseStart(boolean closing, long nanos) {
                if (!closing) {
                    opens.offer(nanos);
                }
            }

            @Override
            public void onPulseEnd(boolean closing, long nanos) {
                if (closing) {
                    closes.offer(nanos);
                }
            }
        });
        Device device = Device.assemble(config, clock, parts, LocalDate::now);
        long[] heard = {0};
        device.service().subscribe(Runnable::run, e -> {
            if (e instanceof DeviceEvent.Logged(Event event)) {
                heard[0]++;
                if (variant == Variant.SLOW_LISTENERS) {
                    sleep(200);
                }
            }
        });
        double[] latencies = new double[trips];
        Random random = new Random(7017);
        device.start();
        try {
            opens.poll(5, TimeUnit.SECONDS);
            Thread.sleep(WARM_UP_MILLIS);
            if (ages != null) {
                ages.start();
            }
            for (int i = 0; i < trips; i++) {
                await(closes, "the relay did not close");
                Thread.sleep(20 + random.nextInt(60));
                synchronized (chip) {
                    overSince[0] = Long.MIN_VALUE;
                    chip.setVoltageV(OVER_V);
                }
                long openNanos = await(opens, "the relay did not open on over-voltage");
                long since;
                synchronized (chip) {
                    since = overSince[0];
                    chip.setVoltageV(NORMAL_V);
                }
                if (since == Long.MIN_VALUE) {
                    throw new IllegalStateException("the relay opened before the chip showed the over-voltage");
                }
                latencies[i] = (openNanos - since) / 1e6;
                if (progress != null) {
                    progress.accept(i + 1);
                }
            }
        } finally {
            device.close();
            servers.forEach(PtyHt7017Server::close);
        }
        return new TripLatencyBench.Result(latencies);
    }

    /** A copy of the simulated board (and the KWS-302WF data it points to) with the rig's short relay timing. */
    private static Path rigBoard(Path work) throws IOException {
        Path home = Path.of(System.getProperty("openkws.home", "")).toAbsolutePath();
        Path dir = Files.createDirectories(work.resolve("sim-rig"));
        Path data = home.resolve("hardware/kws302wf");
        try (var files = Files.walk(data)) {
            for (Path p : files.toList()) {
                Path target = work.resolve("kws302wf").resolve(data.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        String yaml = Files.readString(home.resolve("hardware/sim/board.yaml"))
                .replaceAll("pulse: 0\\.1 ", "pulse: 0.01 ")
                .replaceAll("minInterval: 1\\.0 ", "minInterval: 0.02 ")
                .replaceAll("minActuation: 0\\.02 ", "minActuation: 0.005 ");
        Files.writeString(dir.resolve("board.yaml"), yaml);
        return dir;
    }

    private static long await(BlockingQueue<Long> queue, String failure) throws InterruptedException {
        Long t = queue.poll(10, TimeUnit.SECONDS);
        if (t == null) {
            throw new IllegalStateException(failure + " within 10 s");
        }
        return t;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // a temporary directory left behind is harmless
        }
    }
}
