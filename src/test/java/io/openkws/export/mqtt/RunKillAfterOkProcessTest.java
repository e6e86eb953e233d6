package io.openkws.export.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 20's acknowledged changes: an {@code ok} result for a change that persists must mean it is on disk. The
 * whole {@code run} process (simulated board, 25 A load so energy counts) is sent one persisting command at a time
 * over MQTT and SIGKILLed the moment its {@code ok} arrives; the next start must show every change acknowledged so
 * far: settings, the countdown, the screen timeout, the power-on state (memory chosen while the relay is on from
 * a power-on close: it closes again), the remembered relay state (both ways) and an energy reset.
 */
class RunKillAfterOkProcessTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BASE = "openkws/kill2/";

    @TempDir
    Path dir;

    @Test
    void every_change_answered_ok_is_there_after_a_sigkill_on_receipt_of_the_ok() throws Exception {
        Path board = RunChild.simBoard(dir, """
                  mainsSteps:
                    - { at: 0, current: 25 }
                """);
        // In order; each line: command, payload, what the next start must show (cumulative for settings).
        String[][] changes = {
                {"overVoltage", "251"}, {"underVoltage", "185"}, {"overCurrent", "40.5"}, {"overloadRetries", "3"},
                {"countdown", "600"}, {"screenTimeout", "9"}, {"powerOnState", "memory"}, {"relay", "OFF"},
                {"relay", "ON"}, {"resetEnergy", "PRESS"}};
        Map<String, Double> settings = new LinkedHashMap<>();
        try (Mosquitto broker = new Mosquitto(false);
             Observer ha = new Observer(broker.url(), "ha-kill-ok", true, BASE + "state", BASE + "result",
                     BASE + "event")) {
            Path config = dir.resolve("config.yaml");
            Files.writeString(config, """
                    board: %s
                    relay: { powerOnState: on }
                    protection: { recoveryDelay: 0.5 }
                    mqtt: { url: %s, deviceId: kill2, interval: 1 }
                    state: %s
                    """.formatted(board, broker.url(), dir.resolve("state")));
            String[] previous = null;
            double energyBeforeReset = -1;
            for (int i = 0; i <= changes.length; i++) {
                Path log = dir.resolve("run-" + i + ".log");
                Process app = RunChild.start(config, log);
                try {
                    JsonNode first = JSON.readTree(await(ha, BASE + "state", r -> true, app, log).payload());
                    for (Map.Entry<String, Double> s : settings.entrySet()) {
                        assertEquals(s.getValue(), first.path("settings").path(s.getKey()).asDouble(),
                                "setting " + s.getKey() + " after the kill that followed its ok: " + first);
                    }
                    if (previous != null) {
                        checkAfterRestart(previous, first, energyBeforeReset, ha, app, log);
                    }
                    if (i == changes.length) {
                        break;
                    }
                    String[] change = changes[i];
                    if (change[0].equals("resetEnergy")) {
                        energyBeforeReset = energyAtLeast(ha, 0.002, app, log);
                    }
                    ha.publish(BASE + "set/" + change[0], change[1]);
                    Observer.Received result = await(ha, BASE + "result", r -> true, app, log);
                    RunChild.kill(app);
                    assertEquals("{\"command\":\"" + change[0] + "\",\"ok\":true}", result.payload());
                    if (!List.of("relay", "powerOnState", "resetEnergy", "countdown").contains(change[0])) {
                        settings.put(change[0], Double.parseDouble(change[1]));
                    }
                    previous = change;
                    ha.drain(300);
                } finally {
                    RunChild.kill(app);
                }
            }
        }
    }

    /** What the start after the kill must show for the change acknowledged just before it. */
    private static void checkAfterRestart(String[] change, JsonNode first, double energyBeforeReset, Observer ha,
                                          Process app, Path log) throws Exception {
        String why = change[0] + " " + change[1] + " acknowledged before the kill; first state after it: " + first;
        switch (change[0]) {
            case "countdown" -> assertEquals(600, first.path("countdown").asLong(), why);
            case "powerOnState" -> {
                // The relay had closed on power-on (policy on) when memory was chosen: memory restores it on.
                assertEquals("memory", first.path("powerOnState").asText(), why);
                await(ha, BASE + "event", r -> r.payload().contains("\"state\":\"on\",\"cause\":\"power-on\""),
                        app, log);
            }
            case "relay" -> {
                if (change[1].equals("ON")) {
                    await(ha, BASE + "event", r -> r.payload().contains("\"state\":\"on\",\"cause\":\"power-on\""),
                            app, log);
                } else {
                    // recoveryDelay is 0.5 s: a remembered ON would have closed the relay well within 4 s.
                    long until = System.nanoTime() + 4_000_000_000L;
                    while (System.nanoTime() < until) {
                        for (Observer.Received r : ha.drain(100)) {
                            assertFalse(r.payload().contains("\"cause\":\"power-on\""), why + "; then " + r);
                            if (r.topic().equals(BASE + "state")) {
                                assertEquals("off", JSON.readTree(r.payload()).path("relay").asText(), why);
                            }
                        }
                    }
                    assertTrue(RunChild.events(log).stream().noneMatch(e -> e.path("state").asText().equals("on")),
                            why + "\n" + RunChild.text(log));
                }
            }
            case "resetEnergy" -> assertTrue(first.path("energy").asDouble() < energyBeforeReset
                    && first.path("energy").asDouble() <= 0.001, why + " (before the reset: " + energyBeforeReset + ")");
            default -> { }
        }
    }

    /** Waits for a published energy of at least {@code kWh} (the load has been counted and saved), returns it. */
    private static double energyAtLeast(Observer ha, double kWh, Process app, Path log) throws Exception {
        // Saves happen at each ok; a setting nobody checks forces one until the total has grown.
        for (int round = 0; round < 20; round++) {
            ha.publish(BASE + "set/overPowerDelay", Integer.toString(5 + round % 2));
            await(ha, BASE + "result", r -> true, app, log);
            JsonNode state = JSON.readTree(await(ha, BASE + "state", r -> true, app, log).payload());
            if (state.path("energy").asDouble() >= kWh) {
                return state.path("energy").asDouble();
            }
            Thread.sleep(1000);
        }
        return fail("the energy never reached " + kWh + " kWh\n" + RunChild.text(log));
    }

    /**
     * The next message on {@code topic} matching {@code test} (within 10 s); messages after it stay queued for the
     * next wait, so nothing that arrived together with it is lost.
     */
    private static Observer.Received await(Observer ha, String topic, Predicate<Observer.Received> test, Process app,
                                           Path log) throws Exception {
        try {
            return ha.await(r -> r.topic().equals(topic) && test.test(r), topic);
        } catch (AssertionError e) {
            return fail(e.getMessage() + " (alive " + app.isAlive() + ")\n" + RunChild.text(log));
        }
    }
}
