package io.openkws.bench;

import io.openkws.config.MqttConfig;
import io.openkws.export.mqtt.EmbeddedBroker;
import io.openkws.time.Clock;
import io.openkws.time.SystemClock;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Start-up time and steady-state resident memory of {@code openkws run} on the simulated board, as a device runs
 * it: started through the launcher ({@code ./openkws --installed run}), so with the flags of
 * {@code src/dist/jvm.options} and the launcher's class-data archive, stdin not a terminal (headless), web console
 * and energy history on, the state directory in a temporary directory.
 *
 * <p>Exists because the target boards have 512 MB (Pi Zero 2 W) and restart the service after every power cut:
 * the footprint and the time to the first protection-grade reading are product figures. Start-up is timed from
 * spawning the process to the instant of its first valid reading (the monotonic time the controller stamps on
 * it, which the log line carries), so the history and front-ends started after it do not count. RSS is VmRSS from
 * {@code /proc/<pid>/status} a number of seconds after the first reading: a few seconds is not a steady state
 * (the heap, the C library's arenas and the compiled code still grow for minutes). The process is then stopped
 * with SIGTERM.
 */
public final class StartupBench {

    /** The log line the controller prints at its first valid reading, with the reading's monotonic instant. */
    static final Pattern FIRST_READING = Pattern.compile("first reading after (\\d+) ms(?: \\(clock (-?\\d+) ns\\))?");
    private static final Pattern VM_RSS = Pattern.compile("VmRSS:\\s+(\\d+) kB");
    private static final Pattern THREADS = Pattern.compile("Threads:\\s+(\\d+)");
    private static final long CHILD_TIMEOUT_SECONDS = 60;
    /** How long a start without an archive runs before it is stopped and writes one. */
    private static final double TRAINING_SECONDS = 2;

    /**
     * One start of {@code run}: milliseconds from spawning to the first reading, VmRSS in MB and the thread count
     * {@code rssSeconds} after it.
     */
    public record Measurement(double startupMs, double rssMb, int threads, double rssSeconds) {
    }

    /** A measurement, or why it was not taken. */
    public record Outcome(Optional<Measurement> measurement, String skipped) {
        static Outcome of(Measurement m) {
            return new Outcome(Optional.of(m), "");
        }

        static Outcome skipped(String reason) {
            return new Outcome(Optional.empty(), reason);
        }
    }

    /**
     * The figures of one bench: the first start without a class-data archive (it writes the archive when it
     * stops), then starts with the archive: with the embedded broker, and as a client of an external broker
     * (mosquitto).
     */
    public record Result(Measurement cold, Outcome embedded, Outcome client, List<String> jvmFlags) {
    }

    private StartupBench() {
    }

    /**
     * Runs the starts: for each broker set-up, one without an archive (which writes it when it stops) and one with
     * it, measured. The archives go to a temporary directory (the launcher's {@code OPENKWS_ARCHIVE_DIR})
     * so the bench neither uses nor replaces the one of the installation. The embedded broker needs port 1883; when
     * it is taken, the cold start is a client of a broker in this process and the embedded figure is skipped.
     */
    public static Result run(Path home, double rssSeconds) throws IOException, InterruptedException {
        Path launcher = home.resolve("openkws");
        Path jar = home.resolve("target").resolve("openkws.jar");
        if (!Files.isRegularFile(jar)) {
            throw new BenchSetupException(jar + " not found: build first (./openkws builds it)");
        }
        if (!Files.isExecutable(launcher)) {
            throw new BenchSetupException(launcher + " not found or not executable");
        }
        List<String> flags = JvmOptions.forCommand(home, "run");
        Path archiveDir = Files.createTempDirectory("openkws-bench-archive");
        try {
            // Each configuration trains its own archive, as a device with that configuration would.
            Path embeddedArchive = Files.createDirectories(archiveDir.resolve("embedded"));
            Path clientArchive = Files.createDirectories(archiveDir.resolve("client"));
            boolean portFree = portFree(EmbeddedBroker.DEFAULT_PORT);
            Measurement cold;
            if (portFree) {
                cold = start(home, embeddedArchive, MqttConfig.EMBEDDED, TRAINING_SECONDS);
            } else {
                try (EmbeddedBroker broker = new EmbeddedBroker(freePort())) {
                    broker.start();
                    cold = start(home, embeddedArchive, broker.url(), TRAINING_SECONDS);
                }
            }
            Outcome embedded = portFree ? Outcome.of(start(home, embeddedArchive, MqttConfig.EMBEDDED, rssSeconds))
                    : Outcome.skipped("port " + EmbeddedBroker.DEFAULT_PORT + " is taken on this machine");
            Outcome client = withMosquitto(port -> {
                start(home, clientArchive, "tcp://127.0.0.1:" + port, TRAINING_SECONDS);
                return start(home, clientArchive, "tcp://127.0.0.1:" + port, rssSeconds);
            });
            return new Result(cold, embedded, client, flags);
        } finally {
            deleteTree(archiveDir);
        }
    }

    /** A start measured against a broker on {@code port}. */
    private interface OnPort {
        Measurement run(int port) throws IOException, InterruptedException;
    }

    /** Runs {@code body} against a mosquitto started on a free port, or says why it could not. */
    private static Outcome withMosquitto(OnPort body) throws IOException, InterruptedException {
        Optional<Path> mosquitto = findMosquitto();
        if (mosquitto.isEmpty()) {
            return Outcome.skipped("no mosquitto installed (apt-get install mosquitto)");
        }
        int port = freePort();
        Process broker = new ProcessBuilder(mosquitto.get().toString(), "-p", Integer.toString(port))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            Clock clock = SystemClock.instance();
            long deadline = clock.nanoTime() + Clock.secondsToNanos(10);
            while (!accepts(port)) {
                if (!broker.isAlive() || clock.nanoTime() - deadline > 0) {
                    return Outcome.skipped("mosquitto did not listen on port " + port);
                }
                clock.sleepNanos(50_000_000L);
            }
            return Outcome.of(body.run(port));
        } finally {
            broker.destroy();
            if (!broker.waitFor(5, TimeUnit.SECONDS)) {
                broker.destroyForcibly();
            }
        }
    }

    private static Optional<Path> findMosquitto() {
        String path = System.getenv().getOrDefault("PATH", "");
        List<Path> candidates = new ArrayList<>();
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                candidates.add(Path.of(dir, "mosquitto"));
            }
        }
        candidates.add(Path.of("/usr/sbin/mosquitto"));
        return candidates.stream().filter(Files::isExecutable).findFirst();
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean portFree(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    /**
     * Starts {@code ./openkws --installed run} against {@code mqttUrl}, waits for its first reading, then
     * {@code rssSeconds}, reads its VmRSS and stops it (SIGTERM; the JVM writes the class-data archive then, when
     * it started without one).
     */
    static Measurement start(Path home, Path archiveDir, String mqttUrl, double rssSeconds)
            throws IOException, InterruptedException {
        Path tmp = Files.createTempDirectory("openkws-bench");
        Path config = tmp.resolve("config.yaml");
        // A device id of its own: another bench on the same broker with the same client id would take turns with it.
        Files.writeString(config, "board: sim\nmqtt:\n  url: " + mqttUrl + "\n  deviceId: bench-"
                + ProcessHandle.current().pid() + "\nstate: " + tmp.resolve("state") + "\nweb:\n  listen: 127.0.0.1:0\n");
        List<String> command = List.of(home.resolve("openkws").toString(), "--installed", "run", "--config",
                config.toString());
        ProcessBuilder pb = new ProcessBuilder(command).directory(tmp.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        Map<String, String> env = pb.environment();
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("OPENKWS_ARCHIVE_DIR", archiveDir.toString());
        env.remove("STATE_DIRECTORY");
        Clock clock = SystemClock.instance();
        long spawned = clock.nanoTime();
        Process child = pb.start();
        CompletableFuture<Long> firstReading = new CompletableFuture<>();
        List<String> output = new ArrayList<>();
        Thread reader = Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    synchronized (output) {
                        output.add(line);
                    }
                    Matcher m = FIRST_READING.matcher(line);
                    if (!firstReading.isDone() && m.find()) {
                        firstReading.complete(m.group(2) != null ? Long.parseLong(m.group(2)) : clock.nanoTime());
                    }
                }
                firstReading.completeExceptionally(new IOException("the output ended"));
            } catch (IOException e) {
                firstReading.completeExceptionally(e);
            }
        });
        try {
            long at;
            try {
                at = firstReading.get(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                synchronized (output) {
                    throw new IllegalStateException("openkws run printed no first reading within "
                            + CHILD_TIMEOUT_SECONDS + " s; its output:\n" + String.join("\n", output));
                }
            }
            double startupMs = (at - spawned) / 1e6;
            clock.sleepNanos(Clock.secondsToNanos(rssSeconds));
            if (!child.isAlive()) {
                synchronized (output) {
                    throw new IllegalStateException("openkws run exited early with " + child.exitValue()
                            + "; its output:\n" + String.join("\n", output));
                }
            }
            String status = Files.readString(Path.of("/proc", Long.toString(child.pid()), "status"));
            return new Measurement(startupMs, field(VM_RSS, status) / 1024.0, (int) field(THREADS, status), rssSeconds);
        } finally {
            child.destroy();
            if (!child.waitFor(30, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
            reader.join(2000);
            deleteTree(tmp);
        }
    }

    private static long field(Pattern p, String status) throws IOException {
        Matcher m = p.matcher(status);
        if (!m.find()) {
            throw new IOException("no " + p.pattern() + " in /proc/<pid>/status");
        }
        return Long.parseLong(m.group(1));
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
