package io.openkws.export.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.openkws.testing.RunProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The main job as a user runs it under systemd: {@code openkws run --config C.yaml} in its own JVM, with no
 * terminal, the simulated board and a real mosquitto broker. A Home Assistant-like client sees discovery, status
 * and state, switches the relay off, changes a setting, the countdown, the power-on state and the screen timeout
 * and finds each in the first state after its result, sends garbage and a 1 MB payload, and SIGTERM leaves the
 * status offline; no state seen in the whole run lacks a setting or the protection state.
 */
class RunProcessMqttTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void run_with_a_config_works_headless_over_mqtt_and_goes_offline_on_sigterm(@TempDir Path dir) throws Exception {
        try (Mosquitto broker = new Mosquitto(false)) {
            Path config = dir.resolve("c.yaml");
            Files.writeString(config, """
                    board: sim
                    relay: { powerOnState: on }
                    protection: { recoveryDelay: 2.0 }
                    mqtt: { url: %s, deviceId: proc1, interval: 1.0 }
                    state: %s
                    """.formatted(broker.url(), dir.resolve("state")));
            try (Observer ha = new Observer(broker.url(), "ha-observer", true, "openkws/proc1/#", "homeassistant/#")) {
                Process app = RunProcess.start(config, dir);
                try {
                    Observer.Received discovery = ha.await(r -> r.topic().startsWith("homeassistant/sensor/proc1/energy/"),
                            "energy discovery");
                    JsonNode energy = JSON.readTree(discovery.payload());
                    assertEquals("total_increasing", energy.get("state_class").asText());
                    assertEquals("kWh", energy.get("unit_of_measurement").asText());
                    ha.await(r -> r.topic().equals("openkws/proc1/status") && r.payload().equals("online"), "online");
                    ha.await(r -> r.topic().equals("openkws/proc1/event") && r.payload().contains("\"power-on\""),
                            "power-on close");
                    ha.await(r -> r.topic().equals("openkws/proc1/state") && r.payload().contains("\"relay\":\"on\""),
                            "state with the relay on");

                    ha.publish("openkws/proc1/set/relay", "OFF");
                    ha.await(r -> r.topic().equals("openkws/proc1/event")
                            && r.payload().contains("\"state\":\"off\",\"cause\":\"command\""), "relay off by command");
                    ha.await(r -> r.topic().equals("openkws/proc1/result")
                            && r.payload().equals("{\"command\":\"relay\",\"ok\":true}"), "relay result");

                    for (String[] c : new String[][] {{"overVoltage", "255"}, {"countdown", "300"},
                            {"powerOnState", "off"}, {"screenTimeout", "7"}, {"relay", "ON"}}) {
                        JsonNode state = stateAfterResult(ha, c[0], c[1]);
                        switch (c[0]) {
                            case "overVoltage" -> assertEquals(255.0, state.get("settings").get("overVoltage").asDouble());
                            case "countdown" -> assertEquals(300, state.get("countdown").asLong());
                            case "powerOnState" -> assertEquals("off", state.get("powerOnState").asText());
                            case "screenTimeout" -> assertEquals(7, state.get("settings").get("screenTimeout").asInt());
                            default -> assertEquals("on", state.get("relay").asText(), state.toString());
                        }
                    }

                    ha.publish("openkws/proc1/set/overVoltage", "garbage");
                    ha.await(r -> r.topic().equals("openkws/proc1/result") && r.payload().contains("\"ok\":false")
                            && r.payload().contains("garbage"), "garbage refused");
                    byte[] huge = new byte[1 << 20];
                    java.util.Arrays.fill(huge, (byte) '9');
                    ha.publish("openkws/proc1/set/overVoltage", huge);
                    ha.await(r -> r.topic().equals("openkws/proc1/result") && r.payload().contains("too large"),
                            "1 MB payload refused");
                    assertTrue(app.isAlive(), "the process stays up");

                    app.destroy();
                    assertTrue(app.waitFor(20, TimeUnit.SECONDS), "stops on SIGTERM");
                    ha.await(r -> r.topic().equals("openkws/proc1/status") && r.payload().equals("offline"), "offline");
                    for (JsonNode state : states) {
                        for (var spec : io.openkws.service.DeviceInfo.runTimeSettings()) {
                            assertTrue(state.get("settings").hasNonNull(spec.name()), "state without " + spec.name()
                                    + ": " + state);
                        }
                        assertFalse(state.get("protection").asText().isEmpty(), state.toString());
                    }
                } finally {
                    app.destroyForcibly();
                }
            }
            try (Observer late = new Observer(broker.url(), "late-observer", true, "openkws/proc1/status")) {
                Observer.Received retained = late.await("openkws/proc1/status");
                assertEquals("offline", retained.payload(), "offline is retained");
            }
            assertTrue(Files.exists(dir.resolve("state").resolve("state-a.json"))
                    || Files.exists(dir.resolve("state").resolve("state-b.json")), "state saved on SIGTERM");
        }
    }

    private final List<JsonNode> states = new ArrayList<>();

    /** Sends a command and returns the first {@code state} published after its (ok) result; keeps every state. */
    private JsonNode stateAfterResult(Observer ha, String name, String payload) throws Exception {
        for (Observer.Received r : ha.drain(0)) {
            keep(r);
        }
        ha.publish("openkws/proc1/set/" + name, payload);
        List<Observer.Received> seen = new ArrayList<>();
        long deadline = System.nanoTime() + 10_000_000_000L;
        int resultAt = -1;
        while (System.nanoTime() < deadline) {
            for (Observer.Received r : ha.drain(50)) {
                keep(r);
                seen.add(r);
            }
            for (int i = 0; i < seen.size(); i++) {
                Observer.Received r = seen.get(i);
                if (resultAt < 0 && r.topic().equals("openkws/proc1/result")) {
                    assertEquals("{\"command\":\"" + name + "\",\"ok\":true}", r.payload());
                    resultAt = i;
                } else if (resultAt >= 0 && i > resultAt && r.topic().equals("openkws/proc1/state")) {
                    return JSON.readTree(r.payload());
                }
            }
        }
        return org.junit.jupiter.api.Assertions.fail("no state after the result of " + name + ": " + seen);
    }

    private void keep(Observer.Received r) {
        if (r.topic().equals("openkws/proc1/state")) {
            try {
                states.add(JSON.readTree(r.payload()));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
