package io.openkws.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openkws.config.Config;
import io.openkws.driver.button.Button;
import io.openkws.protect.Cause;
import io.openkws.protect.Event;
import io.openkws.protect.Fault;
import io.openkws.store.PersistedState;
import io.openkws.store.StateStore;
import io.openkws.ui.LcdFrame;
import io.openkws.ui.Pages;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The front panel of the whole device in virtual time, through the real chain: simulated button lines → button
 * driver → panel and menu → control loop → protection engine → relay driver → simulated relay, and the LCD as the
 * TM1622 driver's pin signals decoded by the simulated TM1622 (issue 6: trips, mains loss, factory reset and the
 * menu visible on the glass).
 */
class DevicePanelTest {

    private static final String MAIN = Pages.MAIN;
    private static final String AUX = Pages.AUX;

    @TempDir
    Path stateDirectory;

    private static Config config(String powerOnState) {
        return Config.parse("test.yaml", """
                board: sim
                protection:
                  overVoltage:  { limit: 250.0, tripDelay: 0.5, hysteresis: 5.0 }
                  underVoltage: { limit: 180.0, tripDelay: 2.0, hysteresis: 5.0 }
                  recoveryDelay: 5.0
                relay:
                  powerOnState: %s
                """.formatted(powerOnState));
    }

    /** A main-field text seen on the glass and the virtual time it first appeared. */
    private record Shown(double atSeconds, String text) {
    }

    /** Samples the main field every 50 ms for {@code seconds}; returns each change. */
    private static List<Shown> watchMain(VirtualDevice d, double seconds) {
        List<Shown> seen = new ArrayList<>();
        for (int i = 0; i < Math.round(seconds / 0.05); i++) {
            d.run(0.05);
            String text = d.text(MAIN);
            if (seen.isEmpty() || !seen.getLast().text().equals(text)) {
                seen.add(new Shown(d.seconds(), text));
            }
        }
        return seen;
    }

    private static double mainValue(VirtualDevice d) {
        return Double.parseDouble(d.text(MAIN).strip());
    }

    private static boolean any(List<Shown> seen, Predicate<String> text) {
        return seen.stream().map(Shown::text).anyMatch(text);
    }

    @Test
    void mains_loss_trips_UVP_on_the_glass_and_the_return_counts_down_to_the_reading_page() {
        try (VirtualDevice d = new VirtualDevice(config("on"), stateDirectory)) {
            assertTrue(d.runUntil(10, d::contactsClosed), "power-on close");
            d.run(1.0);
            assertEquals(230.0, mainValue(d), 1.0, "voltage page: " + d.text(MAIN));
            assertTrue(d.iconLit("V"));

            d.mains(0.0);
            assertTrue(d.runUntil(3.0, () -> !d.contactsClosed()), "UVP opens the relay");
            d.run(0.3);
            assertTrue(d.shows(MAIN, "UVP"), "glass: " + d.text(MAIN));
            assertEquals(d.terminalPicture(LcdFrame.text(MAIN, "UVP").withIcon("alarm")), d.terminalPicture());
            assertTrue(d.events().stream().anyMatch(e -> e instanceof Event.Trip t && t.fault() == Fault.UVP));

            List<Shown> lost = watchMain(d, 5.0);
            assertTrue(lost.stream().allMatch(s -> d.glassSpelling(MAIN, "UVP").equals(s.text())
                            || d.glassSpelling(MAIN, "c   5").equals(s.text())),
                    "UVP, and the full recovery delay that has not started, while the mains is gone: " + lost);

            d.mains(230.0);
            double back = d.seconds();
            List<Shown> recovery = watchMain(d, 7.0);
            assertFalse(any(recovery, t -> t.equals(d.glassSpelling(MAIN, "UVP"))), "fault cleared: " + recovery);
            assertTrue(any(recovery, t -> t.strip().startsWith("23")), "page between countdown steps: " + recovery);
            for (String step : List.of("c   4", "c   2")) {
                assertTrue(any(recovery, t -> t.equals(step)), "countdown shown: " + recovery);
            }
            assertTrue(d.contactsClosed(), "the relay closed again");
            Event.Relay restore = d.events().stream().filter(e -> e instanceof Event.Relay r && r.on())
                    .map(Event.Relay.class::cast).reduce((a, b) -> b).orElseThrow();
            assertEquals(Cause.RESTORE, restore.cause());
            assertEquals(back + 5.0, restore.tNanos() / 1e9, 0.6, "closes after recoveryDelay");
            assertEquals(230.0, mainValue(d), 1.0, "reading page again: " + d.text(MAIN));
            assertEquals(List.of(), d.lcdViolations(), "the driver's signals met the TM1622's timing");
        }
    }

    @Test
    void an_over_voltage_trip_shows_OVP() {
        try (VirtualDevice d = new VirtualDevice(config("on"), stateDirectory)) {
            assertTrue(d.runUntil(10, d::contactsClosed));
            d.mains(262.0);
            assertTrue(d.runUntil(2.0, () -> !d.contactsClosed()), "OVP opens the relay");
            assertTrue(d.events().stream().anyMatch(e -> e instanceof Event.Trip t && t.fault() == Fault.OVP));
            assertTrue(d.runUntil(4.0, () -> d.shows(MAIN, "OVP")), "glass: " + d.text(MAIN));
            assertEquals(d.terminalPicture(LcdFrame.text(MAIN, "OVP").withIcon("alarm")), d.terminalPicture());
            d.mains(230.0);
            assertTrue(d.runUntil(8.0, d::contactsClosed), "restored");
            d.run(0.5);
            assertEquals(230.0, mainValue(d), 1.0, "reading page again: " + d.text(MAIN));
        }
    }

    @Test
    void the_factory_reset_chord_shows_dashes_then_relay_off_and_clears_settings_energy_and_run_time() throws Exception {
        new StateStore(stateDirectory).save(PersistedState.fresh(VirtualDevice.DAY)
                .addEnergy(12.5, VirtualDevice.DAY).withRunTime(7200).withRelayOn(true)
                .withSetting("overVoltage", "260.0").withSetting("powerOnState", "on"));
        try (VirtualDevice d = new VirtualDevice(config("memory"), stateDirectory)) {
            assertEquals(260.0, d.status().settings().get("overVoltage"), "saved setting in force");
            assertTrue(d.runUntil(10, d::contactsClosed), "remembered ON closes");
            d.run(2.0);
            assertEquals(12.5, d.device().state().snapshot().energyKWh(), 0.01);

            d.press(5.3, Button.PLUS, Button.MINUS);
            d.run(4.9);
            assertTrue(d.contactsClosed(), "nothing happens before 5 s");
            List<Shown> seen = watchMain(d, 3.0);
            String dashes = d.glassSpelling(MAIN, "---");
            Shown first = seen.stream().filter(s -> s.text().equals(dashes)).findFirst().orElseThrow(
                    () -> new AssertionError("no dashes: " + seen));
            Shown after = seen.get(seen.indexOf(first) + 1);
            assertEquals(1.0, after.atSeconds() - first.atSeconds(), 0.15, "dashes for about 1 s: " + seen);
            assertEquals(d.glassSpelling(MAIN, "OFF"), after.text(), "then the relay page: " + seen);
            assertEquals(after, seen.getLast(), "and it stays: " + seen);
            assertEquals(d.terminalPicture(LcdFrame.text(MAIN, "OFF")), d.terminalPicture());

            assertFalse(d.contactsClosed(), "relay open");
            assertEquals(250.0, d.status().settings().get("overVoltage"), "configured setting back");
            PersistedState state = d.device().state().snapshot();
            assertEquals(0.0, state.energyKWh());
            assertEquals(0, state.runTimeSeconds());
            assertFalse(state.relayOn());
            assertTrue(state.settings().isEmpty(), "settings: " + state.settings());
            assertEquals("memory", d.device().service().view().powerOnState().wire(), "the configured power-on state");
        }
    }

    @Test
    void the_menu_edits_the_OVP_limit_with_auto_repeat_and_applies_and_persists_it_on_leaving() {
        try (VirtualDevice d = new VirtualDevice(config("on"), stateDirectory)) {
            assertTrue(d.runUntil(10, d::contactsClosed));
            d.run(1.0);
            d.click(Button.MENU, 1.3, 0.2);
            assertTrue(d.shows(AUX, "OU"), "aux: " + d.text(AUX));
            assertTrue(d.iconLit("set"));

            d.click(Button.PLUS, 0.95, 0.1);
            d.click(Button.PLUS, 0.2, 0.1);
            d.click(Button.MINUS, 0.2, 0.1);
            List<Shown> blinking = watchMain(d, 1.5);
            assertTrue(any(blinking, t -> t.equals(d.glassSpelling(MAIN, "253"))), "edited value: " + blinking);
            assertTrue(any(blinking, String::isBlank), "value blinks: " + blinking);
            assertTrue(d.shows(AUX, "OU"));
            assertEquals(250.0, d.status().settings().get("overVoltage"), "not applied while editing");

            d.click(Button.MENU, 1.3, 0.5);
            assertEquals(253.0, d.status().settings().get("overVoltage"), "applied to the engine");
            assertEquals("253.0", d.device().state().snapshot().settings().get("overVoltage"), "persisted");
            assertTrue(d.text(AUX).isBlank(), "menu left: " + d.text(AUX));
            assertEquals(230.0, mainValue(d), 1.0, "reading page: " + d.text(MAIN));

            d.mains(252.0);
            d.run(2.0);
            assertTrue(d.contactsClosed(), "252 V is below the new limit");
            assertEquals(List.of(), d.lcdViolations());
        }
    }

    @Test
    void a_menu_setting_the_engine_rejects_shows_no_and_changes_nothing() {
        try (VirtualDevice d = new VirtualDevice(config("on"), stateDirectory)) {
            assertTrue(d.runUntil(10, d::contactsClosed));
            d.click(Button.MENU, 1.3, 0.2);
            d.click(Button.MENU, 0.2, 0.25);
            assertTrue(d.shows(AUX, "UU"), "aux (the LCD is redrawn every 0.1 s): " + d.text(AUX));
            d.click(Button.PLUS, 2.9, 0.1);
            List<Shown> edited = watchMain(d, 1.0);
            assertTrue(any(edited, t -> t.equals(d.glassSpelling(MAIN, "250"))),
                    "10 single steps then 6 steps of 10: " + edited);

            d.press(1.3, Button.MENU);
            List<Shown> seen = watchMain(d, 3.5);
            assertTrue(any(seen, t -> t.equals(d.glassSpelling(MAIN, "no"))),
                    "a 255 V healthy floor above 245 V is refused on the glass: " + seen);
            assertEquals(230.0, mainValue(d), 1.0, "then the reading page: " + d.text(MAIN));
            assertEquals(180.0, d.status().settings().get("underVoltage"));
            assertFalse(d.device().state().snapshot().settings().containsKey("underVoltage"));
            assertTrue(d.contactsClosed());
        }
    }

    @Test
    void the_power_button_is_refused_while_the_voltage_is_unhealthy_and_the_glass_says_no() {
        try (VirtualDevice d = new VirtualDevice(config("off"), stateDirectory)) {
            d.mains(182.0);
            d.run(4.0);
            assertFalse(d.contactsClosed());
            d.press(0.2, Button.POWER);
            List<Shown> seen = watchMain(d, 3.0);
            Shown no = seen.stream().filter(s -> s.text().equals(d.glassSpelling(MAIN, "no"))).findFirst()
                    .orElseThrow(() -> new AssertionError("no refusal on the glass: " + seen));
            Shown after = seen.get(seen.indexOf(no) + 1);
            assertEquals(2.0, after.atSeconds() - no.atSeconds(), 0.15, "shown 2 s: " + seen);
            assertFalse(d.contactsClosed(), "relay stays open");
            assertTrue(d.events().stream().anyMatch(e -> e instanceof Event.Refused), "refused event");
            assertFalse(d.events().stream().anyMatch(e -> e instanceof Event.Relay r && r.on()));
        }
    }

    @Test
    void energy_run_time_remembered_relay_and_a_panel_setting_survive_a_restart() {
        double energy;
        long runTime;
        try (VirtualDevice first = new VirtualDevice(config("memory"), stateDirectory)) {
            first.load(10.0);
            first.run(6.0);
            assertFalse(first.contactsClosed(), "a fresh meter remembers OFF");
            first.click(Button.POWER, 0.2, 60.0);
            assertTrue(first.contactsClosed(), "power button closes");
            first.click(Button.MENU, 1.3, 0.1);
            first.click(Button.MINUS, 0.2, 0.1);
            first.click(Button.MENU, 1.3, 0.5);
            assertEquals(249.0, first.status().settings().get("overVoltage"));
            first.run(1.0);
            PersistedState state = first.device().state().snapshot();
            energy = state.energyKWh();
            runTime = state.runTimeSeconds();
            assertTrue(energy > 0.03, "2.3 kW for a minute: " + energy);
            assertTrue(runTime >= 60, "run time " + runTime);
        }
        try (VirtualDevice second = new VirtualDevice(config("memory"), stateDirectory)) {
            PersistedState loaded = second.device().state().snapshot();
            assertEquals(energy, loaded.energyKWh(), 1e-12);
            assertEquals(runTime, loaded.runTimeSeconds());
            assertTrue(loaded.relayOn());
            assertEquals(249.0, second.status().settings().get("overVoltage"));
            assertFalse(second.contactsClosed(), "driven OFF at start");
            assertTrue(second.runUntil(8.0, second::contactsClosed), "remembered ON");
            Event.Relay close = second.events().stream().filter(e -> e instanceof Event.Relay r && r.on())
                    .map(Event.Relay.class::cast).findFirst().orElseThrow();
            assertEquals(Cause.POWER_ON, close.cause());
            assertEquals(5.0, close.tNanos() / 1e9, 0.6, "after recoveryDelay");

            for (int i = 0; i < 3; i++) {
                second.click(Button.PLUS, 0.2, 0.1);
            }
            assertTrue(second.iconLit("kWh"), "energy page");
            assertEquals(energy, mainValue(second), 0.002, "total on the glass: " + second.text(MAIN));
        }
    }
}
