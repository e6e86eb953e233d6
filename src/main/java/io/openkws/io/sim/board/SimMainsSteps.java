package io.openkws.io.sim.board;

import io.openkws.board.BoardSpec;
import io.openkws.time.Clock;
import java.util.List;

/**
 * Plays the simulated board's {@code simulation.mainsSteps} into the simulated chip's mains on a clock.
 *
 * <p>Exists so a whole {@code run} process on the simulated board — a child JVM that a test cannot reach into —
 * can still be shown an over-voltage or a heavy load at a known moment, from data in a board file. {@code simulate}
 * does not use it: its scenario drives the mains.
 */
public final class SimMainsSteps {

    private SimMainsSteps() {
    }

    /** Schedules every step on {@code clock}, each {@code atNanos} from now; steps due at once apply before return. */
    public static void start(SimMains mains, List<BoardSpec.MainsStep> steps, Clock clock) {
        for (BoardSpec.MainsStep step : steps) {
            if (step.atNanos() == 0) {
                apply(mains, step);
            } else {
                clock.schedule(step.atNanos(), () -> apply(mains, step));
            }
        }
    }

    static void apply(SimMains mains, BoardSpec.MainsStep step) {
        step.voltageV().ifPresent(mains::setVoltageV);
        step.currentA().ifPresent(mains::setCurrentA);
        step.powerFactor().ifPresent(mains::setPowerFactor);
        step.frequencyHz().ifPresent(mains::setFrequencyHz);
    }
}
