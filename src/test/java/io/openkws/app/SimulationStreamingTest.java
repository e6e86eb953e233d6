package io.openkws.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openkws.config.Config;
import io.openkws.scenario.Scenario;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Writing lines as the simulation goes gives exactly the lines of sorting them all at the end. */
class SimulationStreamingTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"uvp-recovery", "ocp-latch-user-on", "countdown", "button-power"})
    void lines_written_as_they_settle_equal_lines_sorted_at_the_end(String name) throws Exception {
        Scenario scenario = Scenario.load(SimulationScenarioTest.dir().resolve(name + ".yaml"));
        Simulation.Setup setup = Simulation.Setup.load(
                Config.load(SimulationScenarioTest.dir().resolve("configs").resolve(name + ".yaml")));
        List<String> atTheEnd = new ArrayList<>();
        Simulation.run(scenario, setup, true, atTheEnd::add, null, Long.MAX_VALUE / 4);
        List<String> streamedEverySecond = new ArrayList<>();
        long count = Simulation.run(scenario, setup, true, streamedEverySecond::add, null, 1_000_000_000L);
        assertTrue(atTheEnd.size() > 100, "only " + atTheEnd.size() + " lines");
        assertEquals(atTheEnd, streamedEverySecond);
        assertEquals(atTheEnd.size(), count);
        assertEquals(atTheEnd, Simulation.run(scenario, setup, true));
    }
}
