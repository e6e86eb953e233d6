package io.openkws.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Starts {@code openkws run} as a child JVM on the test class path, as a service manager would: no standard
 * input, output and errors into one log file.
 *
 * <p>Exists so the tests that check a whole process (exit paths, MQTT, Prometheus) start it the same way, with the
 * small-footprint JVM flags the Pi uses.
 */
public final class RunProcess {

    private RunProcess() {
    }

    /**
     * {@code run --config config} with {@code openkws.home = home} (where {@code hardware/} is found), at most
     * {@code maxHeapMb} of heap, its output in {@code log}.
     */
    public static Process start(Path config, Path home, int maxHeapMb, Path log) throws IOException {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
                "-Xmx" + maxHeapMb + "m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dopenkws.home=" + home, "-cp", classPath, "io.openkws.cli.Main",
                "run", "--config", config.toString())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    /** Like {@link #start(Path, Path, int, Path)} from the project directory, 96 MB of heap, log {@code run.log}. */
    public static Process start(Path config, Path dir) throws IOException {
        return start(config, Path.of("").toAbsolutePath(), 96, dir.resolve("run.log"));
    }
}
