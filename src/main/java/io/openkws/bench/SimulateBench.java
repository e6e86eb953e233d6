package io.openkws.bench;

import io.openkws.app.Simulation;
import io.openkws.scenario.Scenario;
import io.openkws.time.Clock;
import io.openkws.time.SystemClock;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * Virtual seconds of {@code simulate} per wall-clock second and per CPU second of the replaying thread, on an
 * hour-long scenario with trips, restores and a button press: at wire pace (every 27.5 ms poll cycle run, the
 * long-standing figure) and with quiet-stretch fast-forward (what {@code simulate} does by default).
 *
 * <p>Exists because scenario replay is how protection behaviour is checked: it must run hours of mains events
 * in seconds so that long scenarios stay cheap to run in CI. The CPU-time figure is the one to compare between
 * runs: on a shared machine the wall-clock figure mostly measures the other processes (the same build measured
 * 3 400 to 6 400 virtual s per wall s within a minute on 2 busy cores).
 */
public final class SimulateBench {

    /**
     * The result of one mode.
     *
     * @param virtualSecondsPerWallSecond virtual seconds replayed per wall-clock second
     * @param virtualSecondsPerCpuSecond  virtual seconds replayed per CPU second of the replaying thread
     */
    public record Result(double virtualSecondsPerWallSecond, double virtualSecondsPerCpuSecond, double virtualSeconds,
                         double wallSeconds, int events) {
    }

    /**
     * The scenario, stretched to {@code seconds}: normal mains, an over-voltage, a sag, a load step and two
     * presses of the power button, at fixed fractions of the duration.
     */
    static String scenario(double seconds) {
        return String.format(Locale.ROOT, """
                duration: %1$.1f
                memory: on
                steps:
                  - { at: 0.0, voltage: 230.0, current: 2.0, powerFactor: 0.95, frequency: 50.0 }
                  - { at: %2$.1f, voltage: 262.0 }
                  - { at: %3$.1f, voltage: 230.0 }
                  - { at: %4$.1f, voltage: 150.0 }
                  - { at: %5$.1f, voltage: 230.0 }
                  - { at: %6$.1f, current: 9.5 }
                  - { at: %7$.1f, button: power }
                  - { at: %8$.1f, button: power }
                """, seconds, seconds / 6, seconds * 11 / 60, seconds / 3, seconds * 21 / 60, seconds / 2,
                seconds * 2 / 3, seconds * 41 / 60);
    }

    private SimulateBench() {
    }

    /**
     * Runs a 5-minute warm-up, then the scenario stretched to {@code scenarioSeconds}, timed; at wire pace
     * ({@code fastForward} false) or with fast-forward.
     */
    public static Result run(Simulation.Setup setup, double scenarioSeconds, boolean fastForward) {
        Scenario scenario = Scenario.parse("(bench)", scenario(scenarioSeconds));
        Simulation.run(Scenario.parse("(warm-up)", scenario(300)), setup, false, fastForward);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Clock clock = SystemClock.instance();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = clock.nanoTime();
        int events = Simulation.run(scenario, setup, false, fastForward).size();
        double wall = (clock.nanoTime() - start) / 1e9;
        double cpu = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        return new Result(scenario.durationSeconds() / wall, scenario.durationSeconds() / cpu,
                scenario.durationSeconds(), wall, events);
    }
}
