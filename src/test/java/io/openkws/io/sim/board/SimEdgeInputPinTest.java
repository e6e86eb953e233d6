package io.openkws.io.sim.board;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.openkws.time.VirtualClock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The simulated edge pin stamps each change with virtual time and ignores non-changes. */
class SimEdgeInputPinTest {

    @Test
    void a_change_is_an_edge_at_the_virtual_time_it_is_driven_and_a_repeat_is_not() {
        VirtualClock clock = new VirtualClock(5_000);
        SimEdgeInputPin pin = new SimEdgeInputPin(clock, false);
        List<String> seen = new ArrayList<>();
        pin.addEdgeListener((rising, nanos) -> seen.add((rising ? "up@" : "down@") + nanos));
        pin.addLevelListener(high -> seen.add("level " + high));
        clock.schedule(1_000, () -> pin.drive(true));
        clock.schedule(1_500, () -> pin.drive(true));
        clock.schedule(2_000, () -> pin.drive(false));
        clock.advanceTo(10_000);
        assertEquals(List.of("up@6000", "level true", "down@7000", "level false"), seen);
        assertEquals(2, pin.edges());
    }
}
