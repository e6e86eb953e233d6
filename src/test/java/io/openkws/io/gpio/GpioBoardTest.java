package io.openkws.io.gpio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openkws.board.BoardSpec;
import io.openkws.board.Tm1622Lines;
import io.openkws.yaml.ConfNode;
import io.openkws.driver.button.Button;
import io.openkws.driver.button.ButtonDriver;
import io.openkws.driver.button.ButtonEvent;
import io.openkws.driver.relay.LatchingRelay;
import io.openkws.time.VirtualClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Buttons, TM1622 lines and the relay feedback built by {@link GpioBoard} on fake Pi4J providers. */
class GpioBoardTest {

    private static final long MS = 1_000_000L;

    private final VirtualClock clock = new VirtualClock();
    private final FakeGpio gpio = new FakeGpio(clock);

    @AfterEach
    void tearDown() {
        gpio.context.shutdown();
    }

    @Test
    void button_edges_from_pi4j_events_reach_the_button_driver() {
        GpioBoard board = new GpioBoard(gpio.context, BoardSpec.load("hardware/kws302wf"));
        ButtonDriver driver = board.buttonDriver();
        List<ButtonEvent> events = new ArrayList<>();
        driver.setListener(events::add);
        assertTrue(driver.listenToLines(clock));
        clock.advanceTo(100 * MS);
        gpio.drive(23, false);
        clock.advanceTo(250 * MS);
        gpio.drive(23, true);
        driver.advance(1000 * MS);
        assertEquals(List.of(new ButtonEvent.Pressed(Button.POWER, 130 * MS),
                new ButtonEvent.Released(Button.POWER, 280 * MS, 150 * MS),
                new ButtonEvent.Clicked(Button.POWER, 280 * MS)), events);
    }

    @Test
    void tm1622_lines_start_idle_high_on_the_board_pins() {
        GpioBoard board = new GpioBoard(gpio.context, BoardSpec.load("hardware/kws302wf"));
        Tm1622Lines lines = board.tm1622();
        for (int bcm : new int[] {5, 6, 13, 19}) {
            assertTrue(gpio.level(bcm), "GPIO " + bcm + " idles high");
        }
        lines.wr().set(false);
        assertEquals(false, gpio.level(6));
        assertEquals(5_000, lines.halfPeriodNanos());
    }

    @Test
    void without_a_hardware_provider_opening_gpio_says_how_to_build_for_a_device() {
        GpioException e = org.junit.jupiter.api.Assertions.assertThrows(GpioException.class, GpioBoard::openContext);
        assertTrue(e.getMessage().contains("mvn -Pdevice package"), e.getMessage());
    }

    @Test
    void the_relay_feedback_contact_is_read_at_its_closed_level() throws Exception {
        String text = Files.readString(Path.of("hardware/kws302wf/board.yaml"))
                .replace("  # feedback: { pin: 26, closedLevel: high, pull: down }", "  feedback: { pin: 26, closedLevel: low, pull: up }");
        BoardSpec spec = BoardSpec.parse(ConfNode.parse("board.yaml", text), "fb", Path.of("."));
        LatchingRelay relay = new GpioBoard(gpio.context, spec).relay(clock);
        assertEquals(Optional.of(false), relay.feedbackClosed());
        gpio.drive(26, false);
        assertEquals(Optional.of(true), relay.feedbackClosed());
        relay.close();
    }
}
