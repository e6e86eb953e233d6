package io.openkws.bench;

import io.openkws.app.Device;
import io.openkws.config.Config;
import io.openkws.time.SystemClock;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Heap bytes allocated by the control thread per cycle, and by the panel and device threads per second, on the
 * device exactly as {@code run} assembles it ({@link Device#build}: simulated board, wall clock, real sleeps of the
 * simulated UART's pacing, device thread, panel and LCD, history), in steady state.
 *
 * <p>Exists because the loop runs about 36 times a second for years on a 512 MB board: garbage on the control
 * thread means GC pauses in the path from a reading to the relay, and the other threads' garbage sets the GC rhythm
 * of the whole process. An earlier version drove {@code Controller.cycle()} in virtual time on the bench's thread;
 * that missed the sleeps of the wall clock ({@code Thread.sleep} allocates an event object per call on JDK 25),
 * which only the assembled device pays. Measured with {@code com.sun.management.ThreadMXBean}'s per-thread
 * allocation counter on the {@code openkws-control}, {@code openkws-panel} and {@code openkws-device} threads,
 * after a warm-up, in the bench's JVM (the launcher's flags when run as {@code ./openkws bench}). The relay closes
 * 1 s after start (recovery delay shortened from the default so the warm-up is spent closed, as in service). MQTT
 * is pointed at a closed port and the web console is off: they run on threads of their own and do not touch the
 * measured threads.
 */
public final class LoopAllocationBench {

    /** The name {@link Device} gives the control thread. */
    static final String CONTROL_THREAD = "openkws-control";
    /** The name {@link Device} gives the panel thread. */
    static final String PANEL_THREAD = "openkws-panel";
    /** The name {@link Device} gives the device thread (events, persistence, the service's answers). */
    static final String DEVICE_THREAD = "openkws-device";

    /**
     * The result: control-thread bytes per cycle over {@code cycles} cycles, panel- and device-thread bytes per
     * second over {@code seconds} of wall time.
     */
    public record Result(double bytesPerCycle, long cycles, double panelBytesPerSecond, double deviceBytesPerSecond,
                         double seconds) {
    }

    private LoopAllocationBench() {
    }

    /** Runs the assembled device for {@code warmupSeconds}, then measures for {@code measureSeconds}. */
    public static Result run(double warmupSeconds, double measureSeconds) throws IOException, InterruptedException {
        Path work = Files.createTempDirectory("openkws-bench-alloc");
        try {
            return run(work, warmupSeconds, measureSeconds);
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException ignored) {
                // a temporary directory left behind is not worth failing the bench
            }
        }
    }

    private static Result run(Path work, double warmupSeconds, double measureSeconds) throws InterruptedException {
        Config config = Config.parse("bench.yaml", """
                board: sim
                protection:
                  recoveryDelay: 1.0
                relay:
                  powerOnState: on
                mqtt:
                  url: tcp://127.0.0.1:9
                  deviceId: bench
                web:
                  listen: off
                state: %s
                """.formatted(work.resolve("state")));
        Device device = Device.build(config, SystemClock.instance());
        device.start();
        try {
            Thread.sleep((long) (warmupSeconds * 1000));
            if (!device.controller().status().relayClosed()) {
                throw new BenchSetupException("the relay did not close during the warm-up: not a steady state");
            }
            com.sun.management.ThreadMXBean threads =
                    (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long control = threadId(CONTROL_THREAD);
            long panel = threadId(PANEL_THREAD);
            long deviceThread = threadId(DEVICE_THREAD);
            long cycles0 = device.controller().cycles();
            long control0 = threads.getThreadAllocatedBytes(control);
            long panel0 = threads.getThreadAllocatedBytes(panel);
            long device0 = threads.getThreadAllocatedBytes(deviceThread);
            long t0 = System.nanoTime();
            Thread.sleep((long) (measureSeconds * 1000));
            long control1 = threads.getThreadAllocatedBytes(control);
            long panel1 = threads.getThreadAllocatedBytes(panel);
            long device1 = threads.getThreadAllocatedBytes(deviceThread);
            long cycles1 = device.controller().cycles();
            double seconds = (System.nanoTime() - t0) / 1e9;
            long cycles = cycles1 - cycles0;
            if (cycles <= 0 || control0 < 0 || panel0 < 0) {
                throw new BenchSetupException("the control loop did not cycle, or allocation counting is off");
            }
            return new Result((double) (control1 - control0) / cycles, cycles, (panel1 - panel0) / seconds,
                    (device1 - device0) / seconds, seconds);
        } finally {
            device.close();
        }
    }

    /** The id of the one live thread named {@code name} (the bench runs one device at a time). */
    private static long threadId(String name) {
        List<Thread> found = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals(name) && t.isAlive()).toList();
        if (found.size() != 1) {
            throw new BenchSetupException(found.size() + " live threads named " + name + ", expected one");
        }
        return found.get(0).threadId();
    }
}
