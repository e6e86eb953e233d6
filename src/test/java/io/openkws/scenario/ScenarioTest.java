package io.openkws.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openkws.yaml.ConfigException;
import io.openkws.protect.Command;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The scenario file: design.md's example, defaults, ordering and errors that name line and key. */
class ScenarioTest {

    static final String DESIGN_EXAMPLE = """
            duration: 120.0        # seconds of virtual time
            chipUpdatePeriod: 0.1  # optional
            memory: on             # relay state remembered from the previous run
            steps:                 # each value holds until a later step changes it
              - at: 0.0
                voltage: 230.0
                current: 2.0
                powerFactor: 1.0
                frequency: 50.0
              - at: 40.0
                voltage: 262.0
              - at: 60.0
                command: relayOn
              - at: 70.0
                button: plus
            """;

    @Test
    void design_md_s_example_reads_step_by_step() {
        Scenario s = Scenario.parse("s.yaml", DESIGN_EXAMPLE);
        assertEquals(120.0, s.durationSeconds());
        assertEquals(0.1, s.chipUpdatePeriodSeconds());
        assertTrue(s.memory());
        assertEquals(4, s.steps().size());
        assertEquals(OptionalDouble.of(262.0), s.steps().get(1).voltageV());
        assertEquals(Optional.of(Command.RELAY_ON), s.steps().get(2).command());
        assertEquals(Optional.of(Scenario.Button.PLUS), s.steps().get(3).button());
        assertEquals(12, s.steps().get(2).line());
    }

    @Test
    void values_hold_until_a_later_step_changes_them() {
        Scenario s = Scenario.parse("s.yaml", DESIGN_EXAMPLE);
        assertEquals(new Scenario.Conditions(230, 2, 1, 50), s.conditionsAt(39.9));
        assertEquals(new Scenario.Conditions(262, 2, 1, 50), s.conditionsAt(40.0));
        assertEquals(Scenario.Conditions.INITIAL, Scenario.parse("s", "duration: 1\n").conditionsAt(0.5));
    }

    @Test
    void optional_keys_default_and_memory_takes_words_or_booleans() {
        Scenario s = Scenario.parse("s.yaml", "duration: 10\n");
        assertEquals(0.1, s.chipUpdatePeriodSeconds());
        assertEquals(false, s.memory());
        assertTrue(Scenario.parse("s", "duration: 1\nmemory: true\n").memory());
        assertEquals(false, Scenario.parse("s", "duration: 1\nmemory: off\n").memory());
    }

    @Test
    void steps_out_of_order_or_beyond_the_duration_are_rejected_with_line_and_key() {
        assertEquals("s.yaml:4: steps[1].at: 5 is before the previous step's 10 (steps must be in time order)",
                error("duration: 20\nsteps:\n  - { at: 10, voltage: 230 }\n  - { at: 5, voltage: 230 }\n"));
        assertEquals("s.yaml:3: steps[0].at: 30 is out of range (0 to 20)",
                error("duration: 20\nsteps:\n  - { at: 30, voltage: 230 }\n"));
    }

    @Test
    void bad_steps_name_line_and_key() {
        assertTrue(error("duration: 20\nsteps:\n  - at: 1\n    command: relayToggle\n")
                .startsWith("s.yaml:4: steps[0].command: 'relayToggle' is not one of relayOn"));
        assertTrue(error("duration: 20\nsteps:\n  - at: 1\n    button: reset\n")
                .startsWith("s.yaml:4: steps[0].button: 'reset' is not one of menu, plus, minus, power"));
        assertTrue(error("duration: 20\nsteps:\n  - at: 1\n    volts: 3\n").startsWith("s.yaml:4: steps[0].volts: unknown key"));
        assertTrue(error("duration: 20\nsteps:\n  - at: 1\n    voltage: 900\n").startsWith("s.yaml:4: steps[0].voltage: 900 is out of range"));
        assertTrue(error("duration: 20\nsteps:\n  - voltage: 230\n").contains("steps[0].at: missing key"));
        assertTrue(error("duration: 20\nsteps:\n  - at: 1\n").contains("step does nothing"));
        assertTrue(error("steps: []\n").contains("duration: missing key"));
        assertTrue(error("duration: 10\nchipUpdatePeriod: 0\n").startsWith("s.yaml:2: chipUpdatePeriod: 0 is out of range"));
    }

    private static String error(String yaml) {
        return assertThrows(ConfigException.class, () -> Scenario.parse("s.yaml", yaml)).getMessage();
    }
}
