package io.openkws.export.mqtt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A real mosquitto broker in a child process, on a free loopback port, for the integration tests.
 *
 * <p>Exists so the exporter is tested against the broker users run, not a mock. A missing binary fails the test
 * with the package to install. With {@code persistent}, sessions survive {@link #restart()}, so an observer that
 * subscribed before an outage receives what the exporter publishes after it, whatever the reconnection order.
 * The directory is world-writable because mosquitto started as root drops to its own user before saving. The
 * per-client queue is unbounded so a slow observer in a burst test sees every message (mosquitto drops QoS 1
 * messages beyond 1000 queued by default).
 */
public final class Mosquitto implements AutoCloseable {

    private final Path dir;
    private final Path config;
    private final int port;
    private Process process;

    public Mosquitto(boolean persistent) throws IOException {
        this(persistent, freePort(), brokerDir -> "allow_anonymous true\n", true);
    }

    /**
     * A broker on {@code port} with {@code access} (given the broker's directory) as its access lines
     * ({@code allow_anonymous ...}, {@code password_file ...}); with {@code startNow} false it is only configured, so a client can first meet a
     * closed port there and the broker is {@link #start()}ed later.
     */
    Mosquitto(boolean persistent, int port, java.util.function.Function<Path, String> access, boolean startNow)
            throws IOException {
        dir = Files.createTempDirectory("openkws-mosquitto");
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        this.port = port;
        config = dir.resolve("mosquitto.conf");
        String conf = "listener " + port + " 127.0.0.1\n" + access.apply(dir) + "max_queued_messages 0\n"
                + (persistent ? "persistence true\npersistence_location " + dir + "/\nautosave_interval 0\n"
                        : "persistence false\n");
        Files.writeString(config, conf);
        if (startNow) {
            start();
        }
    }

    /** The broker's own directory (configuration, log; a password file may go here). */
    Path dir() {
        return dir;
    }

    /** Makes the running broker re-read its configuration and password file (SIGHUP), as an admin would. */
    void reload() throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(process.pid())).inheritIO().start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            fail("could not send SIGHUP to mosquitto " + process.pid());
        }
    }

    static Path binary() {
        Path sbin = Path.of("/usr/sbin/mosquitto");
        if (Files.isExecutable(sbin)) {
            return sbin;
        }
        String path = System.getenv().getOrDefault("PATH", "");
        for (String entry : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(entry, "mosquitto");
            if (!entry.isEmpty() && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return fail("mosquitto not found (neither /usr/sbin/mosquitto nor on PATH): install the 'mosquitto' package");
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    /** Runs {@code mosquitto_pub} against this broker with {@code args}, feeding {@code stdin}; returns its output. */
    String pub(byte[] stdin, String... args) throws IOException, InterruptedException {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("mosquitto_pub", "-h", "127.0.0.1",
                "-p", Integer.toString(port)));
        command.addAll(java.util.List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (var in = p.getOutputStream()) {
            in.write(stdin);
        }
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("mosquitto_pub did not finish: " + out);
        }
        return out + (p.exitValue() == 0 ? "" : " (exit " + p.exitValue() + ")");
    }

    void start() throws IOException {
        process = new ProcessBuilder(binary().toString(), "-c", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("mosquitto.log").toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                fail("mosquitto exited at start: " + Files.readString(dir.resolve("mosquitto.log")));
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                pause(20);
            }
        }
        fail("mosquitto did not open port " + port + " within 10 s");
    }

    /** Stops the broker (SIGTERM, as a service stop would) and waits until it has exited. */
    void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    void restart() throws IOException {
        stop();
        start();
    }

    @Override
    public void close() {
        stop();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
