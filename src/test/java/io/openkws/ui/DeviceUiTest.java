package io.openkws.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openkws.driver.button.Button;
import io.openkws.driver.button.ButtonEvent;
import io.openkws.protect.SettingSpec;
import io.openkws.ui.UiAction.ChangeChoice;
import io.openkws.ui.UiAction.ChangeSetting;
import io.openkws.ui.UiAction.FactoryReset;
import io.openkws.ui.UiAction.SetCountdown;
import io.openkws.ui.UiAction.ToggleRelay;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeviceUiTest {

    private static final long T0 = 7_000_000_000_000L;
    private static final List<SettingSpec> SPECS = List.of(
            new SettingSpec("overVoltage", "V", 0, 300, 1),
            new SettingSpec("underVoltage", "V", 0, 230, 1),
            new SettingSpec("overCurrent", "A", 0, 63, 0.1),
            new SettingSpec("overPower", "W", 0, 22_000, 10),
            new SettingSpec("recoveryDelay", "s", 0, 600, 1),
            new SettingSpec("overVoltageTripDelay", "s", 0, 60, 0.1),
            new SettingSpec("autoOff", "min", 0, 1440, 1),
            new SettingSpec("screenTimeout", "min", 0, 59, 1));

    private final SegmentMap map = SegmentMapTest.provisional();
    private final DeviceUi ui = new DeviceUi(map, MenuItem.standard(SPECS), T0);
    private final DisplayData data = new DisplayData(230.4, 1.234, 284.0, 12.5, 50.0, 0.98, 7200, true, null, 0, 0,
            Map.of("overVoltage", 250.0, "underVoltage", 180.0, "overCurrent", 16.0, "overPower", 0.0,
                    "recoveryDelay", 30.0), "memory", 0);

    private static long at(double seconds) {
        return T0 + Math.round(seconds * 1e9);
    }

    private String main(DisplayData shown, double seconds) {
        return text(ui.frame(shown, at(seconds)), Pages.MAIN);
    }

    private String text(LcdFrame frame, String field) {
        frame.toRam(map, false);
        frame.toRam(map, true);
        return frame.texts().get(field);
    }

    private List<UiAction> click(Button button, double seconds) {
        List<UiAction> actions = new ArrayList<>(ui.onButton(new ButtonEvent.Pressed(button, at(seconds)), data));
        actions.addAll(ui.onButton(new ButtonEvent.Released(button, at(seconds + 0.1), 100_000_000L), data));
        actions.addAll(ui.onButton(new ButtonEvent.Clicked(button, at(seconds + 0.1)), data));
        return actions;
    }

    private List<UiAction> longPress(Button button, double seconds) {
        List<UiAction> actions = new ArrayList<>(ui.onButton(new ButtonEvent.Pressed(button, at(seconds)), data));
        actions.addAll(ui.onButton(new ButtonEvent.LongPressed(button, at(seconds + 1)), data));
        actions.addAll(ui.onButton(new ButtonEvent.Released(button, at(seconds + 1.2), 1_200_000_000L), data));
        return actions;
    }

    private List<UiAction> hold(Button button, double seconds, int repeats) {
        List<UiAction> actions = new ArrayList<>(ui.onButton(new ButtonEvent.Pressed(button, at(seconds)), data));
        for (int count = 1; count <= repeats; count++) {
            actions.addAll(ui.onButton(new ButtonEvent.Repeated(button, at(seconds + 0.6 + 0.15 * (count - 1)),
                    count), data));
        }
        double end = seconds + 0.6 + 0.15 * repeats;
        actions.addAll(ui.onButton(new ButtonEvent.Released(button, at(end), 1), data));
        return actions;
    }

    @Test
    void the_menu_button_cycles_every_page_with_its_unit_and_wraps_back_to_voltage() {
        List<String> shown = new ArrayList<>();
        List<Set<String>> icons = new ArrayList<>();
        for (int i = 0; i <= 8; i++) {
            LcdFrame frame = ui.frame(data, at(3 + i));
            shown.add(text(frame, Pages.MAIN));
            icons.add(frame.icons());
            click(Button.MENU, 3.2 + i);
        }

        assertEquals(List.of("230.4", "1.234", "284.0", "12.500", "50.00", "0.98", "2.0", "On", "230.4"), shown);
        assertEquals(List.of(Set.of("V"), Set.of("A"), Set.of("W"), Set.of("kWh"), Set.of("Hz"), Set.of("PF"),
                Set.of("h"), Set.of("relay"), Set.of("V")), icons);
    }

    @Test
    void plus_and_minus_browse_pages_forwards_and_backwards() {
        click(Button.MINUS, 3);
        assertEquals(DeviceUi.Page.RELAY, ui.page());
        click(Button.PLUS, 4);
        click(Button.PLUS, 5);
        assertEquals(DeviceUi.Page.CURRENT, ui.page());
        assertEquals("1.234", main(data, 5.5));
    }

    @Test
    void the_boot_message_shows_for_the_first_two_seconds_then_the_voltage_page() {
        assertEquals("boot", main(data, 0));
        assertEquals("boot", main(data, 1.99));
        assertEquals("230.4", main(data, 2.0));
    }

    @Test
    void relay_off_shows_OFF_on_the_relay_page_only_and_readings_stay_visible() {
        DisplayData off = data.withRelayOn(false);
        assertEquals("230.4", main(off, 3));
        click(Button.MINUS, 3);
        assertEquals("OFF", main(off, 3.5));
        assertEquals("On", main(data, 3.5));
    }

    @Test
    void a_long_press_on_menu_edits_settings_and_a_second_long_press_emits_the_changed_ones() {
        assertEquals(List.of(), longPress(Button.MENU, 3));
        LcdFrame first = ui.frame(data, at(4.3));
        assertEquals("OU", text(first, Pages.AUX));
        assertEquals("250", text(first, Pages.MAIN));
        assertTrue(first.icons().contains("set"));

        click(Button.PLUS, 5);
        click(Button.PLUS, 5.5);
        assertEquals("252", main(data, 5.7));
        click(Button.MENU, 6);
        assertEquals("UU", text(ui.frame(data, at(6.2)), Pages.AUX));
        click(Button.MINUS, 6.5);
        click(Button.MENU, 7);
        click(Button.MENU, 7.5);
        assertEquals("OP", text(ui.frame(data, at(7.7)), Pages.AUX));
        assertEquals("OFF", main(data, 7.7));

        List<UiAction> actions = longPress(Button.MENU, 8);

        assertEquals(List.of(new ChangeSetting("overVoltage", 252), new ChangeSetting("underVoltage", 179)),
                actions);
        assertFalse(ui.inMenu(at(9.3)));
        assertEquals("230.4", main(data, 9.3));
    }

    @Test
    void values_stop_at_the_spec_limits_and_an_unchanged_value_is_not_emitted() {
        DisplayData high = new DisplayData(230, 1, 230, 0, 50, 1, 0, true, null, 0, 0,
                Map.of("overVoltage", 299.0, "underVoltage", 0.0), "on", 0);
        ui.onButton(new ButtonEvent.LongPressed(Button.MENU, at(3)), high);
        for (int i = 0; i < 3; i++) {
            ui.onButton(new ButtonEvent.Clicked(Button.PLUS, at(3.5 + i * 0.2)), high);
        }
        assertEquals("300", main(high, 4.2));
        ui.onButton(new ButtonEvent.Clicked(Button.MENU, at(4.5)), high);
        ui.onButton(new ButtonEvent.Clicked(Button.MINUS, at(4.7)), high);
        assertEquals("OFF", main(high, 4.8));

        List<UiAction> actions = ui.onButton(new ButtonEvent.LongPressed(Button.MENU, at(5)), high);

        assertEquals(List.of(new ChangeSetting("overVoltage", 300)), actions);
    }

    @Test
    void auto_repeat_steps_once_per_repeat_then_ten_steps_after_ten_repeats() {
        longPress(Button.MENU, 3);
        hold(Button.PLUS, 5, 12);
        assertEquals("280", main(data, 7.4));
        click(Button.MENU, 8);
        click(Button.MENU, 8.5);
        hold(Button.PLUS, 9, 3);
        assertEquals("16.3", main(data, 10.05));
        hold(Button.MINUS, 11, 11);

        List<UiAction> actions = longPress(Button.MENU, 14);

        assertEquals(List.of(new ChangeSetting("overVoltage", 280), new ChangeSetting("overCurrent", 14.3)),
                actions);
    }

    @Test
    void the_edited_value_blinks_half_a_second_on_and_off_while_its_label_stays() {
        longPress(Button.MENU, 3);
        long lastEvent = at(4.2);
        List<String> mains = new ArrayList<>();
        List<String> auxes = new ArrayList<>();
        for (long t = lastEvent; t < lastEvent + 2_000_000_000L; t += 250_000_000L) {
            LcdFrame frame = ui.frame(data, t);
            mains.add(text(frame, Pages.MAIN));
            auxes.add(text(frame, Pages.AUX));
            assertEquals(Set.of(), frame.blinking());
        }

        assertEquals(java.util.Arrays.asList("250", "250", null, null, "250", "250", null, null), mains);
        assertTrue(auxes.stream().allMatch("OU"::equals));
    }

    @Test
    void the_menu_closes_after_ten_seconds_without_buttons_and_emits_its_changes() {
        longPress(Button.MENU, 3);
        click(Button.MINUS, 5);
        assertEquals(List.of(), ui.tick(at(15.0)));
        assertTrue(ui.inMenu(at(15.0)));

        assertEquals(List.of(new ChangeSetting("overVoltage", 249)), ui.tick(at(15.1)));
        assertFalse(ui.inMenu(at(15.1)));
        assertEquals(List.of(), ui.tick(at(30)));
        assertEquals("230.4", main(data, 16));
    }

    @Test
    void leaving_the_menu_without_changes_emits_nothing() {
        longPress(Button.MENU, 3);
        click(Button.MENU, 5);
        assertEquals(List.of(), longPress(Button.MENU, 6));
    }

    @Test
    void power_on_state_auto_off_and_screen_timeout_items_emit_their_own_actions() {
        longPress(Button.MENU, 3);
        for (int i = 0; i < 5; i++) {
            click(Button.MENU, 5 + i * 0.5);
        }
        LcdFrame po = ui.frame(data, at(7.2));
        assertEquals("Po", text(po, Pages.AUX));
        assertEquals("LASt", text(po, Pages.MAIN));
        click(Button.MINUS, 8);
        assertEquals("On", main(data, 8.2));
        click(Button.MENU, 9);
        assertEquals("cd", text(ui.frame(data, at(9.2)), Pages.AUX));
        assertEquals("OFF", main(data, 9.2));
        hold(Button.PLUS, 10, 12);
        click(Button.MENU, 13);
        assertEquals("St", text(ui.frame(data, at(13.2)), Pages.AUX));
        click(Button.PLUS, 14);

        List<UiAction> actions = longPress(Button.MENU, 15);

        assertEquals(List.of(new ChangeChoice("powerOnState", "on"), new SetCountdown(30 * 60),
                new ChangeSetting("screenTimeout", 1)), actions);
    }

    @Test
    void the_auto_off_item_starts_from_the_running_countdown_rounded_up_to_minutes() {
        DisplayData running = data.withAutoOffSeconds(125);
        ui.onButton(new ButtonEvent.LongPressed(Button.MENU, at(3)), running);
        for (int i = 0; i < 6; i++) {
            ui.onButton(new ButtonEvent.Clicked(Button.MENU, at(3.5 + i * 0.1)), running);
        }
        assertEquals("cd", text(ui.frame(running, at(4.2)), Pages.AUX));
        assertEquals("3", main(running, 4.2));
        ui.onButton(new ButtonEvent.Clicked(Button.MINUS, at(4.5)), running);
        ui.onButton(new ButtonEvent.Clicked(Button.MINUS, at(4.6)), running);
        ui.onButton(new ButtonEvent.Clicked(Button.MINUS, at(4.7)), running);

        assertEquals(List.of(new SetCountdown(0)),
                ui.onButton(new ButtonEvent.LongPressed(Button.MENU, at(5)), running));
    }

    @Test
    void the_power_button_toggles_the_relay_on_click_and_long_press_even_in_the_menu() {
        assertEquals(List.of(new ToggleRelay()), click(Button.POWER, 3));
        assertEquals(List.of(new ToggleRelay()), longPress(Button.POWER, 4));
        longPress(Button.MENU, 6);
        assertEquals(List.of(new ToggleRelay()), click(Button.POWER, 8));
        assertTrue(ui.inMenu(at(8.5)));
    }

    @Test
    void the_factory_reset_chord_shows_dashes_for_a_second_then_the_relay_off_page_and_drops_menu_edits() {
        longPress(Button.MENU, 3);
        click(Button.PLUS, 5);

        List<UiAction> actions = ui.onButton(new ButtonEvent.ChordHeld("factoryReset",
                Set.of(Button.PLUS, Button.MINUS), at(11)), data);

        assertEquals(List.of(new FactoryReset()), actions);
        DisplayData off = data.withRelayOn(false);
        assertEquals("---", main(off, 11.0));
        assertEquals("---", main(off, 11.99));
        assertEquals("OFF", main(off, 12.0));
        assertEquals(DeviceUi.Page.RELAY, ui.page());
        assertEquals(List.of(), ui.tick(at(30)));
        assertEquals(List.of(), ui.onButton(new ButtonEvent.ChordHeld("other", Set.of(Button.MENU, Button.POWER),
                at(31)), data));
    }

    @Test
    void a_refused_relay_on_shows_no_for_two_seconds_over_the_menu_and_faults() {
        ui.onRefused("voltage unhealthy", at(5));
        DisplayData fault = data.withFault("UVP");
        assertEquals("no", main(fault, 5));
        assertEquals("no", main(fault, 6.99));
        assertEquals("UVP", main(fault, 7));

        longPress(Button.MENU, 10);
        ui.onRefused("voltage unhealthy", at(11.5));
        assertEquals("no", main(data, 12));
        assertEquals("OU", text(ui.frame(data, at(13.6)), Pages.AUX));
    }

    @Test
    void an_active_fault_hides_the_page_and_alternates_every_two_seconds_with_a_pending_automatic_close() {
        DisplayData ovp = data.withFault("OVP").withAutoCloseSeconds(25);
        List<String> shown = new ArrayList<>();
        for (int s = 0; s < 8; s++) {
            shown.add(main(ovp, s + 0.5));
        }
        assertEquals(List.of("OVP", "OVP", "c  25", "c  25", "OVP", "OVP", "c  25", "c  25"), shown);
        assertTrue(ui.frame(ovp, at(0.5)).icons().contains("alarm"));
        assertEquals("OCP", main(data.withFault("OCP"), 2.5));
    }

    @Test
    void meter_lost_shows_err_and_a_lockout_shows_lock_with_its_icon() {
        assertEquals("Err", main(data.withFault("METER_LOST"), 3));
        LcdFrame lock = ui.frame(data.withFault("LOCK"), at(3));
        assertEquals("LOCK", text(lock, Pages.MAIN));
        assertEquals(Set.of("alarm", "lock"), lock.icons());
        assertThrows(IllegalArgumentException.class, () -> data.withFault("HOT"));
    }

    @Test
    void browsing_during_a_fault_shows_the_page_for_five_seconds_then_the_fault_again() {
        DisplayData opp = data.withFault("OPP");
        click(Button.MENU, 10);
        assertEquals("1.234", main(opp, 12));
        assertEquals("1.234", main(opp, 15.09));
        assertEquals("OPP", main(opp, 15.1));
    }

    @Test
    void a_pending_automatic_close_without_fault_alternates_with_the_page_after_the_boot_message() {
        DisplayData powerOn = data.withAutoCloseSeconds(28);
        assertEquals("boot", main(powerOn, 1));
        assertEquals("230.4", main(powerOn, 2.5));
        assertEquals("c  28", main(powerOn, 4.5));
        assertEquals("230.4", main(powerOn, 6.5));
    }

    @Test
    void the_screen_blanks_after_its_timeout_and_the_waking_press_does_nothing_else() {
        DisplayData timeout = data.withScreenTimeoutMinutes(1);
        ui.frame(timeout, at(3));
        assertEquals("230.4", main(timeout, 59.9));
        assertEquals(LcdFrame.BLANK, ui.frame(timeout, at(60)));
        assertEquals("OVP", main(timeout.withFault("OVP"), 61));

        List<UiAction> woke = new ArrayList<>(ui.onButton(new ButtonEvent.Pressed(Button.POWER, at(70)), timeout));
        woke.addAll(ui.onButton(new ButtonEvent.Released(Button.POWER, at(70.1), 1), timeout));
        woke.addAll(ui.onButton(new ButtonEvent.Clicked(Button.POWER, at(70.1)), timeout));
        assertEquals(List.of(), woke);
        assertEquals("230.4", main(timeout, 70.2));

        ui.onButton(new ButtonEvent.Clicked(Button.MENU, at(200)), timeout);
        assertEquals(DeviceUi.Page.VOLTAGE, ui.page());
        assertEquals(List.of(new ToggleRelay()), click(Button.POWER, 201));
    }

    @Test
    void a_refused_message_lights_a_blank_screen_and_zero_timeout_never_blanks() {
        DisplayData timeout = data.withScreenTimeoutMinutes(1);
        ui.onRefused("voltage unhealthy", at(100));
        assertEquals("no", main(timeout, 101));
        assertEquals(LcdFrame.BLANK, ui.frame(timeout, at(102)));
        assertEquals("230.4", main(data, 36_000));
    }

    @Test
    void the_relay_page_alternates_on_with_the_auto_off_countdown_in_seconds_or_hours() {
        click(Button.MINUS, 3);
        DisplayData shortRun = data.withAutoOffSeconds(120);
        assertEquals("On", main(shortRun, 4.5));
        assertEquals("c 120", main(shortRun, 6.5));
        LcdFrame hours = ui.frame(data.withAutoOffSeconds(10_080), at(6.5));
        assertEquals("c  2.8", text(hours, Pages.MAIN));
        assertEquals(Set.of("h"), hours.icons());
    }

    @Test
    void the_standard_menu_takes_ranges_from_the_spec_table_and_skips_absent_items() {
        List<MenuItem> full = MenuItem.standard(SPECS);
        assertEquals(List.of("OU", "UU", "OC", "OP", "rd", "Po", "cd", "St"),
                full.stream().map(MenuItem::label).toList());
        assertEquals(SPECS.get(2), ((MenuItem.Setting) full.get(2)).spec());

        List<MenuItem> small = MenuItem.standard(List.of(SPECS.get(0)));
        assertEquals(List.of("OU", "Po"), small.stream().map(MenuItem::label).toList());
        for (MenuItem item : full) {
            for (char c : item.label().toCharArray()) {
                assertTrue(SevenSegmentFont.covers(c), item.label());
            }
        }
    }

    @Test
    void a_long_press_before_any_data_does_not_open_the_menu() {
        DeviceUi fresh = new DeviceUi(map, MenuItem.standard(SPECS), T0);
        assertEquals(List.of(), fresh.onButton(new ButtonEvent.LongPressed(Button.MENU, at(3))));
        assertFalse(fresh.inMenu(at(3)));
        assertNull(fresh.frame(data, at(3.1)).texts().get(Pages.AUX));
    }
}
