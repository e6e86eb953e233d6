package io.openkws.io.sim.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openkws.board.BoardSpec;
import io.openkws.driver.button.Button;
import io.openkws.driver.button.ButtonDriver;
import io.openkws.driver.button.ButtonEvent;
import io.openkws.driver.relay.LatchingRelay;
import io.openkws.time.VirtualClock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The simulated board's relay and buttons, driven by the real drivers in virtual time. */
class SimBoardTest {

    private static final long MS = 1_000_000L;

    private final VirtualClock clock = new VirtualClock();
    private final SimBoard board = new SimBoard(BoardSpec.load("sim"), clock);

    @Test
    void startup_opens_the_initially_closed_contacts_after_the_minimum_actuation_time() {
        SimLatchingRelay relay = board.relay();
        List<String> moves = new ArrayList<>();
        relay.addContactListener(closed -> moves.add(closed + "@" + clock.nanoTime() / MS));
        assertTrue(relay.isClosed());
        LatchingRelay driver = board.relayDriver(clock);
        driver.startup();
        clock.advanceTo(19 * MS);
        assertTrue(relay.isClosed());
        clock.advanceTo(20 * MS);
        assertFalse(relay.isClosed());
        driver.set(true);
        clock.advanceTo(5000 * MS);
        assertTrue(relay.isClosed());
        assertEquals(List.of("false@20", "true@1020"), moves);
        assertFalse(relay.faulted());
    }

    @Test
    void a_pulse_shorter_than_the_minimum_actuation_moves_nothing() {
        SimLatchingRelay relay = board.relay();
        relay.offCoil().set(true);
        clock.advanceTo(19 * MS);
        relay.offCoil().set(false);
        clock.advanceTo(1000 * MS);
        assertTrue(relay.isClosed());
        assertEquals(0, relay.operations());
    }

    @Test
    void both_coils_energised_is_a_fault_and_moves_nothing() {
        SimLatchingRelay relay = board.relay();
        relay.offCoil().set(true);
        relay.onCoil().set(true);
        clock.advanceTo(500 * MS);
        assertTrue(relay.faulted());
        assertTrue(relay.isClosed());
        assertEquals(0, relay.operations());
    }

    @Test
    void simulated_buttons_reach_the_button_driver_through_polling() {
        ButtonDriver driver = board.buttonDriver();
        List<ButtonEvent> events = new ArrayList<>();
        SimButton plus = board.button(Button.PLUS);
        SimButton minus = board.button(Button.MINUS);
        for (long t = 0; t <= 7000; t += 10) {
            if (t == 100) {
                plus.press();
                minus.press();
            }
            if (t == 6000) {
                plus.release();
                minus.release();
            }
            clock.advanceTo(t * MS);
            events.addAll(driver.poll(clock.nanoTime()));
        }
        assertEquals(List.of(new ButtonEvent.ChordHeld("factoryReset", Set.of(Button.PLUS, Button.MINUS), 5130 * MS)),
                events.stream().filter(e -> e instanceof ButtonEvent.ChordHeld || e instanceof ButtonEvent.Clicked
                        || e instanceof ButtonEvent.Repeated).toList());
    }

    @Test
    void simulated_buttons_read_their_active_level() {
        SimButton menu = board.button(Button.MENU);
        assertTrue(menu.line().pin().isHigh(), "idle high with the pull-up");
        menu.press();
        assertFalse(menu.line().pin().isHigh());
        assertTrue(menu.line().pressed());
    }
}
