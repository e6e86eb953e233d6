package io.openkws.export.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.openkws.config.MqttConfig;
import io.openkws.protect.ProtectionSettings;
import io.openkws.protect.SettingResult;
import io.openkws.protect.SettingSpec;
import io.openkws.service.DeviceCommand;
import io.openkws.service.DeviceEvent;
import io.openkws.service.DeviceInfo;
import io.openkws.service.DeviceView;
import io.openkws.time.SystemClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * What Home Assistant sees after each command, and what hostile or unlucky clients can (not) do: a real mosquitto,
 * stock {@code mosquitto_pub} as the attacker, the fake device service behind the front-end. The observer
 * subscribes to exact topics too: with {@code openkws/h1/#} its own Paho receive thread dies on {@code set/🙂}.
 */
class MqttHostileTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BASE = "openkws/h1/";

    private final FakeDevice device = new FakeDevice();
    private Mosquitto broker;
    private MqttFrontEnd front;
    private Observer ha;

    @AfterEach
    void tearDown() throws Exception {
        if (front != null) {
            front.close();
        }
        if (ha != null) {
            ha.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    private void start() throws Exception {
        front = MqttFrontEnd.start(device, MqttConfig.of(broker.url(), "h1").withInterval(60), SystemClock.instance(),
                MqttFrontEndTest.FAST);
        ha.await(r -> r.topic().equals(BASE + "status") && r.payload().equals("online"), "online");
    }

    @Test
    void the_first_state_after_each_result_shows_the_commands_effect() throws Exception {
        broker = new Mosquitto(false);
        ha = new Observer(broker.url(), "ha", true, BASE + "status", BASE + "result", BASE + "state");
        start();

        JsonNode state = afterCommand("relay", "ON");
        assertEquals("on", state.get("relay").asText());
        state = afterCommand("relay", "OFF");
        assertEquals("off", state.get("relay").asText());

        for (SettingSpec spec : DeviceInfo.runTimeSettings()) {
            double now = device.view().settingValues().get(spec.name());
            double next = consistentChange(spec, now);
            state = afterCommand(spec.name(), plain(next));
            assertEquals(next, state.get("settings").get(spec.name()).asDouble(), spec.name());
            if (spec.name().equals("countdown")) {
                assertEquals((long) next, state.get("countdown").asLong(), "the countdown number shows the setting");
            }
        }
        state = afterCommand("countdown", "300");
        assertEquals(300, state.get("countdown").asLong());
        assertEquals(300, state.get("countdownLeft").asLong());
        for (String mode : List.of("off", "on", "memory")) {
            assertEquals(mode, afterCommand("powerOnState", mode).get("powerOnState").asText());
        }
        state = afterCommand("screenTimeout", "17");
        assertEquals(17, state.get("settings").get("screenTimeout").asInt());
    }

    @Test
    void hostile_topics_payloads_and_retained_commands_neither_silence_nor_steer_the_meter() throws Exception {
        broker = new Mosquitto(false);
        broker.pub(new byte[0], "-r", "-q", "1", "-t", BASE + "set/resetEnergy", "-m", "PRESS");
        broker.pub(new byte[0], "-r", "-q", "1", "-t", BASE + "set/relay", "-m", "ON");
        ha = new Observer(broker.url(), "ha", true, BASE + "status", BASE + "result", BASE + "state");
        start();
        List<JsonNode> retainedAnswers = new ArrayList<>();
        retainedAnswers.add(result(r -> true));
        retainedAnswers.add(result(r -> true));
        for (JsonNode answer : retainedAnswers) {
            assertFalse(answer.get("ok").asBoolean());
            assertTrue(answer.get("error").asText().startsWith("ignored: retained command"), answer.toString());
        }

        String smiley = new String(Character.toChars(0x1F642));
        broker.pub(new byte[0], "-q", "1", "-t", BASE + "set/" + smiley, "-m", "x");
        broker.pub(new byte[0], "-r", "-q", "1", "-t", BASE + "set/" + smiley, "-m", "x");
        broker.pub(new byte[0], "-q", "1", "-t", BASE + "set/" + "x".repeat(5000), "-m", "1");
        java.nio.file.Path bad = java.nio.file.Files.createTempFile("openkws-bad", ".bin");
        java.nio.file.Files.write(bad, new byte[] {'O', (byte) 0xc3, (byte) 0x28, (byte) 0xff});
        broker.pub(new byte[0], "-q", "1", "-t", BASE + "set/relay", "-f", bad.toString());
        java.nio.file.Files.delete(bad);
        JsonNode notUtf8 = result(r -> true);
        assertEquals("payload is not UTF-8 text", notUtf8.get("error").asText());

        long t0 = System.nanoTime();
        ha.publish(BASE + "set/relay", "OFF");
        JsonNode off = result(r -> r.get("ok").asBoolean());
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertEquals("relay", off.get("command").asText());
        assertTrue(millis < 3000, "set/relay OFF answered in " + millis + " ms");
        assertEquals(List.of(new DeviceCommand.Relay(false)), device.received(), "nothing retained was applied");
        assertEquals(0, front.sessionRestarts());

        front.dropConnectionWithoutDisconnect();
        device.emit(new DeviceEvent.Changed(device.view()));
        front.close();
        front = MqttFrontEnd.start(device, MqttConfig.of(broker.url(), "h1").withInterval(60), SystemClock.instance(),
                MqttFrontEndTest.FAST);
        ha.await(r -> r.topic().equals(BASE + "status") && r.payload().equals("online"), "online again");
        ha.publish(BASE + "set/relay", "OFF");
        result(r -> r.get("ok").asBoolean());
        assertEquals(List.of(new DeviceCommand.Relay(false), new DeviceCommand.Relay(false)), device.received(),
                "a restart does not replay the retained ON or the energy reset either");
    }

    @Test
    void a_burst_of_2000_commands_gets_2000_results() throws Exception {
        broker = new Mosquitto(false);
        ha = new Observer(broker.url(), "ha", true, BASE + "status", BASE + "result");
        start();
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            lines.append(i % 2 == 0 ? "ON" : "OFF").append('\n');
        }
        long t0 = System.nanoTime();
        String out = broker.pub(lines.toString().getBytes(StandardCharsets.US_ASCII), "-q", "1", "-l", "-t",
                BASE + "set/relay");
        assertEquals("", out.strip(), "mosquitto_pub: " + out);
        List<Observer.Received> results = new ArrayList<>();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (results.size() < 2000 && System.nanoTime() < deadline) {
            results.addAll(ha.drain(200));
        }
        results.addAll(ha.drain(500));
        double seconds = (System.nanoTime() - t0) / 1e9;
        long ok = results.stream().filter(r -> r.payload().equals("{\"command\":\"relay\",\"ok\":true}")).count();
        long dropped = results.stream().filter(r -> r.payload().contains("dropped: more than")).count();
        System.out.printf("burst: 2000 commands, %d results in %.1f s: %d ok, %d dropped (answered)%n",
                results.size(), seconds, ok, dropped);
        assertEquals(2000, results.size());
        assertEquals(2000, ok + dropped, "every answer is an ok or a counted drop");
        assertEquals(ok, device.received().size());
        assertEquals(dropped, front.droppedCommands());
    }

    @Test
    void energy_is_never_published_lower_except_after_a_reset() throws Exception {
        broker = new Mosquitto(false);
        ha = new Observer(broker.url(), "ha", true, BASE + "state", BASE + "status", BASE + "result");
        device.totals(new DeviceView.Totals(100.0, 2.0, 1.0, 10.0, 50.0, 10, 0));
        start();
        assertEquals(100.0, nextState().get("energy").asDouble());
        device.totals(new DeviceView.Totals(99.925, 1.925, 1.0, 10.0, 50.0, 10, 0));
        device.emit(new DeviceEvent.Changed(device.view()));
        JsonNode held = nextState();
        assertEquals(100.0, held.get("energy").asDouble(), "a lost save is not published as a drop");
        assertEquals(2.0, held.get("energyToday").asDouble());
        device.totals(new DeviceView.Totals(100.5, 0.0, 2.5, 10.5, 50.0, 10, 0));
        device.emit(new DeviceEvent.Changed(device.view()));
        JsonNode newDay = nextState();
        assertEquals(100.5, newDay.get("energy").asDouble());
        assertEquals(0.0, newDay.get("energyToday").asDouble(), "a new day restarts today's total");
        assertEquals(0.0, afterCommand("resetEnergy", "PRESS").get("energy").asDouble(), "a reset is published");
    }

    @Test
    void commands_beyond_the_queue_bound_are_answered_as_dropped_never_silently() throws Exception {
        broker = new Mosquitto(false);
        ha = new Observer(broker.url(), "ha", true, BASE + "status", BASE + "result");
        java.util.concurrent.CompletableFuture<io.openkws.service.Outcome> stuck =
                new java.util.concurrent.CompletableFuture<>();
        device.answer(c -> stuck);
        front = MqttFrontEnd.start(device, MqttConfig.of(broker.url(), "h1").withInterval(60), SystemClock.instance(),
                new MqttFrontEnd.Tuning(1000, 0.1, 0.5, 30, 10, 2, 10));
        ha.await(r -> r.topic().equals(BASE + "status") && r.payload().equals("online"), "online");
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            lines.append("OFF\n");
        }
        broker.pub(lines.toString().getBytes(StandardCharsets.US_ASCII), "-q", "1", "-l", "-t", BASE + "set/relay");
        List<Observer.Received> results = new ArrayList<>();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (results.size() < 38 && System.nanoTime() < deadline) {
            results.addAll(ha.drain(100));
        }
        results.addAll(ha.drain(300));
        assertEquals(38, results.size(), "2 at the device, 10 waiting, 38 answered at once");
        assertTrue(results.stream().allMatch(r -> r.payload().contains("dropped: more than 10 commands waiting")),
                results.get(0).payload());
        assertEquals(38, front.droppedCommands());
        stuck.complete(io.openkws.service.Outcome.accepted());
        deadline = System.nanoTime() + 10_000_000_000L;
        while (results.size() < 50 && System.nanoTime() < deadline) {
            results.addAll(ha.drain(100));
        }
        assertEquals(50, results.size(), "the held ones are answered once the device answers");
    }

    private JsonNode nextState() throws Exception {
        return JSON.readTree(ha.await(BASE + "state").payload());
    }

    private JsonNode result(Predicate<JsonNode> test) throws Exception {
        Observer.Received r = ha.await(m -> {
            if (!m.topic().equals(BASE + "result")) {
                return false;
            }
            try {
                return test.test(JSON.readTree(m.payload()));
            } catch (Exception e) {
                return false;
            }
        }, "a result");
        return JSON.readTree(r.payload());
    }

    /** Sends {@code set/name payload}, expects an ok result and returns the first {@code state} after it. */
    private JsonNode afterCommand(String name, String payload) throws Exception {
        ha.drain(0);
        ha.publish(BASE + "set/" + name, payload);
        List<Observer.Received> seen = new ArrayList<>();
        long deadline = System.nanoTime() + 10_000_000_000L;
        int resultAt = -1;
        while (System.nanoTime() < deadline) {
            seen.addAll(ha.drain(50));
            for (int i = 0; i < seen.size(); i++) {
                Observer.Received r = seen.get(i);
                if (resultAt < 0 && r.topic().equals(BASE + "result")) {
                    JsonNode j = JSON.readTree(r.payload());
                    assertEquals(name, j.get("command").asText());
                    assertTrue(j.get("ok").asBoolean(), name + " " + payload + ": " + r.payload());
                    resultAt = i;
                }
                if (resultAt >= 0 && i > resultAt && r.topic().equals(BASE + "state")) {
                    return JSON.readTree(r.payload());
                }
            }
        }
        return fail("no state after the result of " + name + " " + payload + ": " + seen);
    }

    /** A value one step away that the engine accepts together with the other settings. */
    private double consistentChange(SettingSpec spec, double now) {
        double step = spec.name().equals("countdown") ? 60 : spec.step();
        for (double candidate : new double[] {now + step, now - step, now + 10 * step, spec.min(), spec.max()}) {
            double rounded = Math.round(candidate / step) * step;
            if (!spec.accepts(rounded) || rounded == now) {
                continue;
            }
            if (spec.name().equals("screenTimeout")
                    || ProtectionSettings.DEFAULTS.with(spec.name(), rounded) instanceof SettingResult.Applied) {
                return Math.round(rounded * 1000) / 1000.0;
            }
        }
        return fail("no other value for " + spec.name());
    }

    private static String plain(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
