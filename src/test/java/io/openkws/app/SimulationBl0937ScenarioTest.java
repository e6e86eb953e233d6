package io.openkws.app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openkws.driver.bl0937.Bl0937Schedule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code simulate} with {@code board: sim-bl0937}: the whole controller on the simulated BL0937 (pulse trains in
 * virtual time, the driver's SEL schedule) replays the OVP, UVP (mains loss) and OCP scenarios with the HT7017
 * scenarios' expected events, times within {@link #TOLERANCE_SECONDS}.
 *
 * <p>The tolerance comes from the SEL schedule ({@link Bl0937Schedule#DEFAULT}). The expected files assume a reading
 * every 0.1 s that already shows a step's values at the step's time. On the BL0937 a voltage step is seen in full
 * at most {@link Bl0937Schedule#worstVoltageLatencyNanos()} = 0.5 s later (the current phase stretches to 0.4 s
 * while no current flows, as after a trip, when the mains' return decides the restore time; 0.2 s while the load
 * draws current), and a current step within one SEL cycle plus the blended current window (0.3 + 0.1 + 0.08 s).
 * The engine's own step is the expected files' 0.1 s reading period, against which a reading can fall either side.
 * Tolerance: 0.5 s (latency) + 0.1 s (reading period) = 0.6 s, against the HT7017's 0.4 s and the BL0942's 0.35 s.
 */
class SimulationBl0937ScenarioTest {

    /** Seconds; derived above from the SEL schedule. */
    static final double TOLERANCE_SECONDS = 0.6;
    @Test
    void the_tolerance_covers_the_schedule_worst_voltage_latency_and_one_reading_period() {
        assertTrue(Bl0937Schedule.DEFAULT.worstVoltageLatencyNanos() / 1e9 + 0.1 <= TOLERANCE_SECONDS);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ovp", "mains-loss", "uvp-recovery", "ocp-delayed", "ocp-instant", "ocp-latch-user-on"})
    void the_whole_controller_on_the_bl0937_trips_like_the_scenario_expects(String name) throws Exception {
        double worst = SimulationScenarioTest.compare(SimulationScenarioTest.dir().resolve(name + ".expected.jsonl"),
                SimulationScenarioTest.simulateOn("sim-bl0937", ChipSetup.Bl0937.class, name), TOLERANCE_SECONDS);
        System.out.printf("sim-bl0937 %s: worst event time deviation %.3f s%n", name, worst);
    }
}
