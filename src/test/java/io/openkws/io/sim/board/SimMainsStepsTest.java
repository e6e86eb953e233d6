package io.openkws.io.sim.board;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.openkws.board.BoardSpec;
import io.openkws.time.VirtualClock;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** The simulated board's {@code mainsSteps} reach the simulated mains at their time, in file order. */
class SimMainsStepsTest {

    private static final long S = 1_000_000_000L;

    /** Records every change with its time. */
    private static final class Recorder implements SimMains {
        final List<String> changes = new ArrayList<>();
        private final VirtualClock clock;
        double voltageV = 230;
        double currentA = 2;

        Recorder(VirtualClock clock) {
            this.clock = clock;
        }

        private void record(String what) {
            changes.add(what + "@" + clock.nanoTime() / 1_000_000);
        }

        @Override
        public void setVoltageV(double v) {
            voltageV = v;
            record("V=" + v);
        }

        @Override
        public void setCurrentA(double a) {
            currentA = a;
            record("A=" + a);
        }

        @Override
        public void setPowerFactor(double pf) {
            record("pf=" + pf);
        }

        @Override
        public void setFrequencyHz(double hz) {
            record("Hz=" + hz);
        }

        @Override
        public void setLoadConnected(BooleanSupplier loadConnected) {
        }

        @Override
        public double voltageV() {
            return voltageV;
        }

        @Override
        public double currentA() {
            return currentA;
        }
    }

    private static BoardSpec.MainsStep step(double atSeconds, double voltage, double current) {
        return new BoardSpec.MainsStep(Math.round(atSeconds * S),
                Double.isNaN(voltage) ? OptionalDouble.empty() : OptionalDouble.of(voltage),
                Double.isNaN(current) ? OptionalDouble.empty() : OptionalDouble.of(current),
                OptionalDouble.empty(), OptionalDouble.empty());
    }

    @Test
    void a_step_at_zero_applies_at_once_and_later_ones_at_their_time_in_file_order() {
        VirtualClock clock = new VirtualClock();
        Recorder mains = new Recorder(clock);
        SimMainsSteps.start(mains, List.of(step(0, Double.NaN, 25), step(3, 262, Double.NaN), step(3, 230, 0),
                step(4.5, Double.NaN, 10)), clock);
        assertEquals(List.of("A=25.0@0"), mains.changes, "the step at 0 is in force before start returns");
        clock.advanceTo(3 * S - 1);
        assertEquals(1, mains.changes.size());
        clock.advanceTo(10 * S);
        assertEquals(List.of("A=25.0@0", "V=262.0@3000", "V=230.0@3000", "A=0.0@3000", "A=10.0@4500"), mains.changes);
        assertEquals(230.0, mains.voltageV());
        assertEquals(10.0, mains.currentA());
    }
}
