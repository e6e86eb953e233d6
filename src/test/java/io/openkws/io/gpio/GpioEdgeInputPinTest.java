package io.openkws.io.gpio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openkws.board.BoardSpec;
import io.openkws.time.VirtualClock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Pi4J input events become edges stamped with the injected clock at arrival. */
class GpioEdgeInputPinTest {

    private static final long US = 1_000L;

    private record Edge(boolean rising, long nanos) {
    }

    private final VirtualClock clock = new VirtualClock();
    private final FakeGpio gpio = new FakeGpio(clock);

    @AfterEach
    void tearDown() {
        gpio.context.shutdown();
    }

    @Test
    void each_pi4j_state_change_is_an_edge_stamped_on_the_clock_when_it_arrives() {
        GpioEdgeInputPin pin = GpioEdgeInputPin.open(gpio.context, "bl0937-cf", 4, BoardSpec.Pull.OFF, clock);
        List<Edge> edges = new ArrayList<>();
        pin.addEdgeListener((rising, nanos) -> edges.add(new Edge(rising, nanos)));
        clock.advanceTo(100 * US);
        gpio.drive(4, false);
        clock.advanceTo(350 * US);
        gpio.drive(4, true);
        clock.advanceTo(351 * US);
        gpio.drive(4, false);
        assertEquals(List.of(new Edge(false, 100 * US), new Edge(true, 350 * US), new Edge(false, 351 * US)), edges);
        assertFalse(pin.isHigh());
    }

    @Test
    void level_listeners_still_hear_the_same_changes() {
        GpioEdgeInputPin pin = GpioEdgeInputPin.open(gpio.context, "bl0937-cf1", 5, BoardSpec.Pull.DOWN, clock);
        List<Boolean> levels = new ArrayList<>();
        assertTrue(pin.addLevelListener(levels::add));
        gpio.drive(5, false);
        gpio.drive(5, true);
        assertEquals(List.of(false, true), levels);
        assertTrue(pin.isHigh());
    }

    @Test
    void a_bl0937_board_gets_its_pulse_inputs_and_sel_output_from_the_board_file() {
        GpioBoard board = new GpioBoard(gpio.context, BoardSpec.load("hardware/bl0937-generic"));
        io.openkws.board.Bl0937Lines lines = board.bl0937Lines(clock);
        assertTrue(gpio.level(12), "SEL starts on voltage (high on this board)");
        assertTrue(lines.selHighForVoltage());
        List<Edge> edges = new ArrayList<>();
        lines.cf1().addEdgeListener((rising, nanos) -> edges.add(new Edge(rising, nanos)));
        clock.advanceTo(700 * US);
        gpio.drive(5, false);
        gpio.drive(5, true);
        assertEquals(List.of(new Edge(false, 700 * US), new Edge(true, 700 * US)), edges);
        lines.sel().set(false);
        assertFalse(gpio.level(12));
    }
}
