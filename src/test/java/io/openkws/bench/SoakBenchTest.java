package io.openkws.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class SoakBenchTest {

    @Test
    void six_virtual_hours_of_random_load_faults_and_commands_grow_nothing() throws Exception {
        SoakBench.Result r = SoakBench.run(6, 302, null);
        System.out.println("soak 6 h: " + r);
        assertEquals(6.0, r.virtualHours(), 0.01);
        assertTrue(r.events().keySet().stream().anyMatch(k -> k.startsWith("trip-")), "no trip: " + r.events());
        assertTrue(r.events().getOrDefault("relay-on", 0L) > 5, "the relay hardly moved: " + r.events());
        assertTrue(r.actions().getOrDefault("relay-off", 0L) > 0 && r.actions().getOrDefault("setting", 0L) > 0,
                "no commands: " + r.actions());
        assertTrue(r.sizes().containsKey("simLcd.frames") && r.sizes().containsKey("controller.queues")
                && r.sizes().containsKey("device.events"), r.sizes().toString());
        assertEquals(0, r.lcdViolations(), "the LCD driver broke the TM1622's timing");
        assertTrue(r.grown().isEmpty(), "grew: " + r.grown() + " " + r.sizes() + " heap " + r.heapStartBytes()
                + " -> " + r.heapEndBytes());
    }

    @Test
    void a_size_that_keeps_rising_counts_as_growth_and_one_that_comes_and_goes_does_not() {
        assertTrue(new SoakBench.Sizes(0, 40, 90, 90).grew(), "one entry per trip");
        assertTrue(!new SoakBench.Sizes(1, 3, 4, 2).grew(), "a queue that fills and drains");
        assertTrue(!new SoakBench.Sizes(1000, 1000, 1000, 1000).grew(), "a capped list");
        assertTrue(!new SoakBench.Sizes(0, 5, 9, 0).grew(), "drained at the end");
    }

    @Test
    @Tag("slow")
    void a_simulated_week_grows_nothing() throws Exception {
        SoakBench.Result r = SoakBench.run(168, 7, null);
        System.out.println("soak 168 h: " + r);
        assertTrue(r.grown().isEmpty(), "grew: " + r.grown() + " " + r.sizes() + " heap " + r.heapStartBytes()
                + " -> " + r.heapEndBytes());
    }
}
