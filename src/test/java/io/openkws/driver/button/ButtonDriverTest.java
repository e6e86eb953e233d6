package io.openkws.driver.button;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openkws.driver.button.ButtonEvent.ChordHeld;
import io.openkws.driver.button.ButtonEvent.Clicked;
import io.openkws.driver.button.ButtonEvent.LongPressed;
import io.openkws.driver.button.ButtonEvent.Pressed;
import io.openkws.driver.button.ButtonEvent.Released;
import io.openkws.driver.button.ButtonEvent.Repeated;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Button gestures in virtual time: every timestamp is exact. */
class ButtonDriverTest {

    private static final long MS = 1_000_000L;
    private static final long DEBOUNCE = 30 * MS;

    private final ButtonDriver driver = new ButtonDriver(Map.of(), ButtonTiming.DEFAULT);
    private final List<ButtonEvent> events = new ArrayList<>();

    ButtonDriverTest() {
        driver.setListener(events::add);
    }

    private void press(Button b, long ms) {
        driver.edge(b, true, ms * MS);
    }

    private void release(Button b, long ms) {
        driver.edge(b, false, ms * MS);
    }

    private List<ButtonEvent> gestures() {
        return events.stream().filter(e -> !(e instanceof Pressed) && !(e instanceof Released)).toList();
    }

    @Test
    void contact_bounce_gives_one_press_one_release_and_one_click() {
        long[] bounces = {0, 3, 5, 9, 12};
        for (int i = 0; i < bounces.length; i++) {
            driver.edge(Button.MENU, i % 2 == 0, bounces[i] * MS);
        }
        long up = 300;
        for (int i = 0; i < 5; i++) {
            driver.edge(Button.MENU, i % 2 == 1, (up + 4 * i) * MS);
        }
        driver.advance(2000 * MS);
        assertEquals(List.of(new Pressed(Button.MENU, 12 * MS + DEBOUNCE),
                new Released(Button.MENU, 316 * MS + DEBOUNCE, 304 * MS),
                new Clicked(Button.MENU, 316 * MS + DEBOUNCE)), events);
    }

    @Test
    void a_glitch_shorter_than_the_debounce_gives_nothing() {
        press(Button.POWER, 100);
        release(Button.POWER, 129);
        driver.advance(5000 * MS);
        assertEquals(List.of(), events);
    }

    @Test
    void a_level_held_exactly_the_debounce_counts() {
        press(Button.POWER, 100);
        driver.advance(130 * MS);
        assertEquals(List.of(new Pressed(Button.POWER, 130 * MS)), events);
    }

    @Test
    void held_just_under_the_long_press_time_is_a_click() {
        driver.edge(Button.MENU, true, 0);
        driver.edge(Button.MENU, false, 1000 * MS - 1);
        driver.advance(3000 * MS);
        assertEquals(List.of(new Clicked(Button.MENU, 1000 * MS - 1 + DEBOUNCE)), gestures());
    }

    @Test
    void held_exactly_the_long_press_time_is_a_long_press_reported_while_held_and_no_click() {
        driver.edge(Button.MENU, true, 0);
        driver.advance(DEBOUNCE + 1000 * MS - 1);
        assertEquals(List.of(), gestures());
        List<ButtonEvent> atThreshold = driver.advance(DEBOUNCE + 1000 * MS);
        assertEquals(List.of(new LongPressed(Button.MENU, DEBOUNCE + 1000 * MS)), atThreshold);
        driver.edge(Button.MENU, false, 1000 * MS);
        driver.advance(5000 * MS);
        assertEquals(List.of(new LongPressed(Button.MENU, DEBOUNCE + 1000 * MS)), gestures());
    }

    @Test
    void a_long_hold_gives_one_long_press() {
        press(Button.POWER, 0);
        driver.advance(4000 * MS);
        release(Button.POWER, 4000);
        driver.advance(5000 * MS);
        assertEquals(List.of(new LongPressed(Button.POWER, DEBOUNCE + 1000 * MS)), gestures());
    }

    @Test
    void auto_repeat_starts_after_the_delay_and_runs_at_the_interval() {
        press(Button.PLUS, 0);
        release(Button.PLUS, 2000);
        driver.advance(3000 * MS);
        List<ButtonEvent> expected = new ArrayList<>();
        for (int n = 1; n <= 10; n++) {
            expected.add(new Repeated(Button.PLUS, DEBOUNCE + 600 * MS + (n - 1) * 150 * MS, n));
        }
        assertEquals(expected, gestures(), "repeats at 0.6 s then every 0.15 s up to the release, no click");
    }

    @Test
    void a_short_press_of_a_repeating_button_is_a_click() {
        press(Button.MINUS, 0);
        release(Button.MINUS, 599);
        driver.advance(3000 * MS);
        assertEquals(List.of(new Clicked(Button.MINUS, 599 * MS + DEBOUNCE)), gestures());
    }

    @Test
    void plus_and_minus_held_five_seconds_is_the_factory_reset_and_no_single_button_gesture() {
        press(Button.PLUS, 0);
        press(Button.MINUS, 120);
        driver.advance(20_000 * MS);
        release(Button.PLUS, 20_000);
        release(Button.MINUS, 20_050);
        driver.advance(30_000 * MS);
        assertEquals(List.of(new ChordHeld("factoryReset", Set.of(Button.PLUS, Button.MINUS), 120 * MS + DEBOUNCE + 5000 * MS)),
                gestures(), "once, 5 s after both were down; no clicks or repeats");
        assertEquals(4, events.stream().filter(e -> e instanceof Pressed || e instanceof Released).count());
    }

    @Test
    void the_chord_released_before_five_seconds_gives_nothing_at_all() {
        press(Button.PLUS, 0);
        press(Button.MINUS, 100);
        release(Button.MINUS, 5099);
        release(Button.PLUS, 5200);
        driver.advance(20_000 * MS);
        assertEquals(List.of(), gestures());
    }

    @Test
    void a_third_button_spoils_the_chord() {
        press(Button.PLUS, 0);
        press(Button.MINUS, 100);
        press(Button.MENU, 200);
        driver.advance(20_000 * MS);
        assertEquals(List.of(), gestures());
    }

    @Test
    void after_all_buttons_are_up_single_gestures_work_again() {
        press(Button.PLUS, 0);
        press(Button.MINUS, 100);
        release(Button.PLUS, 300);
        release(Button.MINUS, 320);
        press(Button.MENU, 1000);
        release(Button.MENU, 1100);
        driver.advance(5000 * MS);
        assertEquals(List.of(new Clicked(Button.MENU, 1100 * MS + DEBOUNCE)), gestures());
    }

    @Test
    void polling_samples_the_lines_and_times_events_from_the_polls() {
        boolean[] level = {true};
        ButtonDriver polled = new ButtonDriver(Map.of(Button.MENU, new ButtonLine(() -> level[0], false)), ButtonTiming.DEFAULT);
        List<ButtonEvent> seen = new ArrayList<>();
        for (long t = 0; t <= 2000; t += 10) {
            level[0] = !(t >= 105 && t < 400);
            seen.addAll(polled.poll(t * MS));
        }
        assertEquals(List.of(new Pressed(Button.MENU, 140 * MS), new Released(Button.MENU, 430 * MS, 290 * MS),
                new Clicked(Button.MENU, 430 * MS)), seen, "first seen at the 110 ms poll, confirmed at 140 ms");
        assertTrue(polled.held().isEmpty());
    }

    @Test
    void next_due_tells_when_to_wake_for_a_timed_gesture() {
        press(Button.MENU, 0);
        assertEquals(DEBOUNCE, driver.nextDueNanos());
        driver.advance(DEBOUNCE);
        assertEquals(DEBOUNCE + 1000 * MS, driver.nextDueNanos());
    }
}
