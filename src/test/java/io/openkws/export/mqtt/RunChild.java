package io.openkws.export.mqtt;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * {@code openkws run --config C.yaml} in a child JVM as systemd starts it (no terminal, output to a log file), on
 * a copy of the simulated board whose {@code simulation:} section a test extends (e.g. {@code mainsSteps} for an
 * over-voltage or a 25 A load).
 *
 * <p>Exists so the process-level tests (broker trouble at start, SIGKILL under load, SIGKILL after an answer)
 * start, read and kill {@code run} the same way. The event log is read from the lines {@code run} prints
 * ({@code event {"t":..,"type":..}}), which is what an operator sees in the journal.
 */
final class RunChild {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EVENT = " event ";

    private RunChild() {
    }

    /**
     * A copy of {@code hardware/sim} (with the KWS-302WF files it refers to) in {@code dir}, with
     * {@code simulationLines} (YAML indented by two spaces) added to its {@code simulation:} section.
     */
    static Path simBoard(Path dir, String simulationLines) throws IOException {
        Path home = Path.of("").toAbsolutePath();
        copyTree(home.resolve("hardware/kws302wf"), dir.resolve("kws302wf"));
        Path board = Files.createDirectories(dir.resolve("sim-test"));
        String yaml = Files.readString(home.resolve("hardware/sim/board.yaml"));
        String extended = yaml.replaceFirst("(?m)^(  relayInitiallyClosed:.*)$",
                "$1\n" + java.util.regex.Matcher.quoteReplacement(simulationLines.stripTrailing()));
        if (extended.equals(yaml)) {
            fail("hardware/sim/board.yaml has no relayInitiallyClosed line to extend");
        }
        Files.writeString(board.resolve("board.yaml"), extended);
        return board;
    }

    /** Starts {@code run --config config}, its output (stdout and stderr) appended to {@code log}. */
    static Process start(Path config, Path log) throws IOException {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
                "-Xmx96m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dopenkws.home=" + Path.of("").toAbsolutePath(), "-cp", classPath, "io.openkws.cli.Main",
                "run", "--config", config.toString())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
    }

    /** SIGKILL (as the OOM killer or a power cut would end it: no shutdown hook, no last save), and waits. */
    static void kill(Process process) throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            fail("run did not die on SIGKILL");
        }
    }

    /** Every event {@code run} has logged so far, in order. */
    static List<JsonNode> events(Path log) {
        List<JsonNode> events = new ArrayList<>();
        for (String line : lines(log)) {
            int at = line.indexOf(EVENT);
            if (at >= 0 && line.startsWith("{", at + EVENT.length())) {
                try {
                    events.add(JSON.readTree(line.substring(at + EVENT.length())));
                } catch (IOException e) {
                    fail("an event line that is not JSON: " + line);
                }
            }
        }
        return events;
    }

    /** Waits up to {@code seconds} for an event matching {@code test} in the log; fails with the log otherwise. */
    static JsonNode awaitEvent(Path log, Process process, double seconds, String what, Predicate<JsonNode> test)
            throws InterruptedException {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < deadline) {
            for (JsonNode e : events(log)) {
                if (test.test(e)) {
                    return e;
                }
            }
            if (!process.isAlive()) {
                break;
            }
            Thread.sleep(50);
        }
        return fail("no " + what + " within " + seconds + " s (alive: " + process.isAlive() + ")\n" + text(log));
    }

    static List<String> lines(Path log) {
        return text(log).lines().toList();
    }

    static String text(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else if (!Files.exists(target)) {
                    Files.copy(p, target);
                }
            }
        }
    }
}
