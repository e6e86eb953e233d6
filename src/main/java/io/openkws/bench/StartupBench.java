package io.openkws.bench;

import io.openkws.config.MqttConfig;
import io.openkws.export.mqtt.EmbeddedBroker;
import io.openkws.time.Clock;
import io.openkws.time.SystemClock;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Start-up time and resident memory of {@code openkws run} on the simulated board, as a device would run it: a
 * child JVM with the launcher's small-device flags, stdin not a terminal (headless), the embedded MQTT broker,
 * the state directory in a temporary directory.
 *
 * <p>Exists because the target boards have 512 MB (Pi Zero 2 W) and restart the service after every power cut:
 * the footprint and the time to the first protection-grade reading are product figures. Start-up is timed from
 * spawning the process to the log line the controller prints at its first valid reading; RSS is VmRSS from
 * {@code /proc/<pid>/status} after the process has settled; the process is then stopped with SIGTERM.
 */
public final class StartupBench {

    /** The log line the controller prints at its first valid reading. */
    static final Pattern FIRST_READING = Pattern.compile("first reading after (\\d+) ms");
    private static final Pattern VM_RSS = Pattern.compile("VmRSS:\\s+(\\d+) kB");
    private static final Pattern OPTS_LINE = Pattern.compile("^JAVA_OPTS_DEFAULT=\"([^\"]*)\"", Pattern.MULTILINE);

    /**
     * The result: milliseconds to the first reading, resident set in MB, the JVM flags used, and whether the
     * child ran the embedded broker (else it was a client of a broker in the bench's process).
     */
    public record Result(double startupMs, double rssMb, List<String> jvmFlags, boolean embeddedBroker) {
    }

    private StartupBench() {
    }

    /**
     * The launcher's JVM flags: the system property {@code openkws.javaOpts} (the launcher passes the flags it
     * runs with), else {@code JAVA_OPTS_DEFAULT} read from the launcher script in {@code home}.
     */
    public static List<String> launcherFlags(Path home) {
        String opts = System.getProperty("openkws.javaOpts");
        if (opts == null) {
            try {
                Matcher m = OPTS_LINE.matcher(Files.readString(home.resolve("openkws")));
                if (!m.find()) {
                    throw new BenchSetupException(home.resolve("openkws") + ": no JAVA_OPTS_DEFAULT line");
                }
                opts = m.group(1);
            } catch (IOException e) {
                throw new BenchSetupException("cannot read the launcher " + home.resolve("openkws") + ": " + e.getMessage());
            }
        }
        return Arrays.stream(opts.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
    }

    /**
     * Starts {@code home/target/openkws.jar run} on the simulated board with {@code mqtt.url: embedded} and waits
     * {@code settleSeconds} after the first reading. When the embedded broker's port (1883) is taken on this
     * machine, the child is pointed instead at a broker started in this process on a free port, and the result
     * says so (the child then lacks the broker's share of memory).
     */
    public static Result run(Path home, double settleSeconds) throws IOException, InterruptedException {
        if (portFree(EmbeddedBroker.DEFAULT_PORT)) {
            return run(home, settleSeconds, MqttConfig.EMBEDDED);
        }
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        try (EmbeddedBroker broker = new EmbeddedBroker(port)) {
            broker.start();
            return run(home, settleSeconds, broker.url());
        }
    }

    private static boolean portFree(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Result run(Path home, double settleSeconds, String mqttUrl) throws IOException, InterruptedException {
        Path jar = home.resolve("target").resolve("openkws.jar");
        if (!Files.isRegularFile(jar)) {
            throw new BenchSetupException(jar + " not found: build first (./openkws builds it)");
        }
        Path tmp = Files.createTempDirectory("openkws-bench");
        Path config = tmp.resolve("config.yaml");
        Files.writeString(config, "board: sim\nmqtt:\n  url: " + mqttUrl + "\n  deviceId: bench\nstate: "
                + tmp.resolve("state") + "\n");
        List<String> flags = launcherFlags(home);
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add("--sun-misc-unsafe-memory-access=allow");
        command.addAll(flags);
        command.add("-Dopenkws.home=" + home);
        command.add("-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"));
        command.addAll(List.of("-jar", jar.toString(), "run", "--config", config.toString()));
        Clock clock = SystemClock.instance();
        long spawned = clock.nanoTime();
        Process child = new ProcessBuilder(command).directory(tmp.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.PIPE).start();
        CompletableFuture<Long> firstReading = new CompletableFuture<>();
        List<String> output = new ArrayList<>();
        Thread reader = Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    synchronized (output) {
                        output.add(line);
                    }
                    if (!firstReading.isDone() && FIRST_READING.matcher(line).find()) {
                        firstReading.complete(clock.nanoTime());
                    }
                }
            } catch (IOException e) {
                firstReading.completeExceptionally(e);
            }
        });
        try {
            long at;
            try {
                at = firstReading.get(60, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                synchronized (output) {
                    throw new IllegalStateException("openkws run printed no first reading within 60 s; its output:\n"
                            + String.join("\n", output));
                }
            }
            double startupMs = (at - spawned) / 1e6;
            clock.sleepNanos(Clock.secondsToNanos(settleSeconds));
            if (!child.isAlive()) {
                throw new IllegalStateException("openkws run exited early with " + child.exitValue());
            }
            double rssMb = rssKb(child.pid()) / 1024.0;
            return new Result(startupMs, rssMb, flags, MqttConfig.EMBEDDED.equals(mqttUrl));
        } finally {
            child.destroy();
            if (!child.waitFor(10, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
            reader.join(2000);
            deleteTree(tmp);
        }
    }

    private static long rssKb(long pid) throws IOException {
        Matcher m = VM_RSS.matcher(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
        if (!m.find()) {
            throw new IOException("no VmRSS in /proc/" + pid + "/status");
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
