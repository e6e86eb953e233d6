package io.openkws.bench;

import io.openkws.app.Simulation;
import io.openkws.scenario.Scenario;
import io.openkws.time.Clock;
import io.openkws.time.SystemClock;
import java.util.Locale;

/**
 * Virtual seconds of {@code simulate} per wall-clock second, on an hour-long scenario with trips, restores and
 * a button press.
 *
 * <p>Exists because scenario replay is how protection behaviour is checked: it must run hours of mains events
 * in seconds so that long scenarios stay cheap to run in CI.
 */
public final class SimulateBench {

    /** The result. */
    public record Result(double virtualSecondsPerWallSecond, double virtualSeconds, double wallSeconds, int events) {
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

    /** Runs a 5-minute warm-up, then the scenario stretched to {@code scenarioSeconds}, timed. */
    public static Result run(Simulation.Setup setup, double scenarioSeconds) {
        Scenario scenario = Scenario.parse("(bench)", scenario(scenarioSeconds));
        Simulation.run(Scenario.parse("(warm-up)", scenario(300)), setup, false);
        Clock clock = SystemClock.instance();
        long start = clock.nanoTime();
        int events = Simulation.run(scenario, setup, false).size();
        double wall = (clock.nanoTime() - start) / 1e9;
        return new Result(scenario.durationSeconds() / wall, scenario.durationSeconds(), wall, events);
    }
}
