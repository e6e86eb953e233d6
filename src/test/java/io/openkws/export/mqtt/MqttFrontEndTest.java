package io.openkws.export.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.openkws.time.SystemClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The exporter against a real mosquitto, observed by a second client as Home Assistant would. */
class MqttExporterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MqttExporter.Tuning FAST = new MqttExporter.Tuning(1000, 0.1, 0.5, 0.5);

    private final List<Command> received = new CopyOnWriteArrayList<>();
    private volatile boolean voltageHealthy = true;
    private final CommandHandler handler = command -> {
        received.add(command);
        if (command instanceof Command.Relay(boolean on) && on && !voltageHealthy) {
            return CompletableFuture.completedFuture(CommandOutcome.refused("voltage unhealthy"));
        }
        return CompletableFuture.completedFuture(CommandOutcome.accepted());
    };

    private Mosquitto broker;
    private MqttExporter exporter;
    private Observer observer;

    @AfterEach
    void tearDown() throws Exception {
        if (exporter != null) {
            exporter.close();
        }
        if (observer != null) {
            observer.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    private MqttExporter start(String url, double intervalSeconds, MqttExporter.Tuning tuning) {
        MqttSettings settings = MqttSettings.of(url, "test1").withInterval(intervalSeconds);
        MqttExporter e = new MqttExporter(settings, handler, TestSettings.SPECS, SystemClock.instance(), tuning);
        e.start();
        return e;
    }

    private static JsonNode json(Observer.Received r) throws Exception {
        return JSON.readTree(r.payload());
    }

    @Test
    void discovery_announces_every_entity_retained_with_classes_units_and_stable_ids() throws Exception {
        broker = new Mosquitto(false);
        exporter = start(broker.url(), 10, FAST);
        observer = new Observer(broker.url(), "obs", true, "openkws/test1/status");
        assertEquals("online", observer.await("openkws/test1/status").payload());
        observer.close();
        observer = new Observer(broker.url(), "obs2", true, "homeassistant/+/test1/+/config");
        int expected = exporter.discoveryMessages().size();
        List<Observer.Received> configs = observer.drain(1000);
        assertEquals(expected, configs.size());
        assertTrue(configs.stream().allMatch(Observer.Received::retained), "discovery must be retained");
        Map<String, JsonNode> byTopic = new java.util.HashMap<>();
        for (Observer.Received r : configs) {
            byTopic.put(r.topic(), json(r));
        }
        JsonNode energy = byTopic.get("homeassistant/sensor/test1/energy/config");
        assertEquals("energy", energy.get("device_class").asText());
        assertEquals("total_increasing", energy.get("state_class").asText());
        assertEquals("kWh", energy.get("unit_of_measurement").asText());
        assertEquals("openkws_test1_energy", energy.get("unique_id").asText());
        assertEquals("openkws/test1/state", energy.get("state_topic").asText());
        assertEquals("openkws/test1/status", energy.get("availability_topic").asText());
        JsonNode device = energy.get("device");
        assertEquals("openkws_test1", device.get("identifiers").get(0).asText());
        assertEquals("KWS-302WF", device.get("model").asText());

        JsonNode voltage = byTopic.get("homeassistant/sensor/test1/voltage/config");
        assertEquals("voltage", voltage.get("device_class").asText());
        assertEquals("measurement", voltage.get("state_class").asText());
        assertEquals("V", voltage.get("unit_of_measurement").asText());

        JsonNode relay = byTopic.get("homeassistant/switch/test1/relay/config");
        assertEquals("openkws/test1/set/relay", relay.get("command_topic").asText());
        assertEquals("ON", relay.get("payload_on").asText());
        assertEquals("on", relay.get("state_on").asText());

        JsonNode ovp = byTopic.get("homeassistant/number/test1/over_voltage/config");
        assertEquals(0, ovp.get("min").asDouble());
        assertEquals(300, ovp.get("max").asDouble());
        assertEquals(0.5, ovp.get("step").asDouble());
        assertEquals("V", ovp.get("unit_of_measurement").asText());
        assertEquals("config", ovp.get("entity_category").asText());
        assertEquals("box", ovp.get("mode").asText());
        assertEquals("openkws/test1/set/overVoltage", ovp.get("command_topic").asText());
        assertFalse(byTopic.get("homeassistant/number/test1/overload_retries/config").has("unit_of_measurement"));

        JsonNode select = byTopic.get("homeassistant/select/test1/power_on_state/config");
        assertEquals(List.of("off", "on", "memory"), JSON.convertValue(select.get("options"), List.class));
        assertEquals("PRESS", byTopic.get("homeassistant/button/test1/reset_energy/config").get("payload_press").asText());
        assertTrue(byTopic.containsKey("homeassistant/button/test1/reset_lockout/config"));
        for (String fault : Discovery.FAULTS) {
            JsonNode b = byTopic.get("homeassistant/binary_sensor/test1/fault_" + fault.toLowerCase() + "/config");
            assertEquals("problem", b.get("device_class").asText());
        }
        assertEquals("diagnostic",
                byTopic.get("homeassistant/sensor/test1/bad_frames/config").get("entity_category").asText());
        Set<String> ids = new HashSet<>();
        byTopic.values().forEach(c -> assertTrue(ids.add(c.get("unique_id").asText()), "duplicate unique_id"));
    }

    @Test
    void discovery_is_sent_again_when_home_assistant_comes_online() throws Exception {
        broker = new Mosquitto(false);
        observer = new Observer(broker.url(), "obs", true, "openkws/test1/status", "homeassistant/sensor/test1/energy/config");
        exporter = start(broker.url(), 10, FAST);
        observer.await("homeassistant/sensor/test1/energy/config");
        observer.publish("homeassistant/status", "online");
        Observer.Received again = observer.await("homeassistant/sensor/test1/energy/config");
        assertEquals("energy", json(again).get("device_class").asText());
    }

    @Test
    void urgent_state_goes_out_at_once_and_the_latest_state_every_interval() throws Exception {
        broker = new Mosquitto(false);
        observer = new Observer(broker.url(), "obs", true, "openkws/test1/state", "openkws/test1/status");
        exporter = start(broker.url(), 1, FAST);
        observer.await("openkws/test1/status");
        exporter.publishState(StateJsonTest.sample("on", List.of("OVP")), true);
        JsonNode first = json(observer.await("openkws/test1/state"));
        assertEquals("on", first.get("relay").asText());
        assertEquals("OVP", first.get("faults").get(0).asText());
        assertEquals(230.0, first.get("voltage").asDouble());
        assertEquals(250.0, first.get("settings").get("overVoltage").asDouble());

        exporter.publishState(StateJsonTest.sample("off", List.of()));
        JsonNode periodic = json(observer.await(r -> r.topic().equals("openkws/test1/state")
                && r.payload().contains("\"relay\":\"off\""), "the periodic state"));
        assertTrue(periodic.get("faults").isEmpty());
    }

    @Test
    void the_periodic_state_follows_the_injected_clock() throws Exception {
        broker = new Mosquitto(false);
        observer = new Observer(broker.url(), "obs", true, "openkws/test1/state", "openkws/test1/status");
        io.openkws.time.VirtualClock clock = new io.openkws.time.VirtualClock();
        exporter = new MqttExporter(MqttSettings.of(broker.url(), "test1").withInterval(5), handler,
                TestSettings.SPECS, clock, FAST);
        exporter.publishState(StateJsonTest.sample("on", List.of()));
        exporter.start();
        observer.await("openkws/test1/status");
        assertEquals("on", json(observer.await("openkws/test1/state")).get("relay").asText(), "sent on connect");
        exporter.publishState(StateJsonTest.sample("off", List.of()));
        clock.advanceTo(4_900_000_000L);
        assertTrue(observer.drain(500).stream().noneMatch(r -> r.topic().endsWith("/state")),
                "a non-urgent state waits for the interval");
        clock.advanceTo(5_000_000_000L);
        assertEquals("off", json(observer.await("openkws/test1/state")).get("relay").asText());
    }

    @Test
    void events_are_published_in_order() throws Exception {
        broker = new Mosquitto(false);
        observer = new Observer(broker.url(), "obs", true, "openkws/test1/event", "openkws/test1/status");
        exporter = start(broker.url(), 10, FAST);
        observer.await("openkws/test1/status");
        for (int i = 0; i < 20; i++) {
            exporter.publishEvent("{\"t\":" + i + ",\"type\":\"relay\",\"state\":\"off\",\"cause\":\"startup\"}");
        }
        for (int i = 0; i < 20; i++) {
            assertEquals(i, json(observer.await("openkws/test1/event")).get("t").asInt());
        }
    }

    @Test
    void commands_are_validated_answered_and_only_good_ones_reach_the_controller() throws Exception {
        broker = new Mosquitto(false);
        observer = new Observer(broker.url(), "obs", true, "openkws/test1/result", "openkws/test1/status");
        exporter = start(broker.url(), 10, FAST);
        observer.await("openkws/test1/status");

        observer.publish("openkws/test1/set/relay", "on");
        assertEquals("{\"command\":\"relay\",\"ok\":true}", observer.await("openkws/test1/result").payload());
        assertEquals(List.of(new Command.Relay(true)), received);

        observer.publish("openkws/test1/set/overVoltage", "252.5");
        assertEquals("{\"command\":\"overVoltage\",\"ok\":true}", observer.await("openkws/test1/result").payload());
        assertEquals(new Command.Setting("overVoltage", 252.5), received.get(1));

        voltageHealthy = false;
        observer.publish("openkws/test1/set/relay", "ON");
        JsonNode refused = json(observer.await("openkws/test1/result"));
        assertFalse(refused.get("ok").asBoolean());
        assertEquals("voltage unhealthy", refused.get("error").asText());
        int reachedController = received.size();

        observer.publish("openkws/test1/set/overVoltage", "abc");
        JsonNode nonNumeric = json(observer.await("openkws/test1/result"));
        assertEquals("overVoltage", nonNumeric.get("command").asText());
        assertFalse(nonNumeric.get("ok").asBoolean());
        assertTrue(nonNumeric.get("error").asText().startsWith("expected a number"));

        observer.publish("openkws/test1/set/overVoltage", "999");
        assertTrue(json(observer.await("openkws/test1/result")).get("error").asText().startsWith("out of range"));

        observer.publish("openkws/test1/set/selfDestruct", "1");
        JsonNode unknown = json(observer.await("openkws/test1/result"));
        assertEquals("selfDestruct", unknown.get("command").asText());
        assertEquals("unknown command", unknown.get("error").asText());

        byte[] huge = new byte[1024 * 1024];
        java.util.Arrays.fill(huge, (byte) '1');
        observer.publish("openkws/test1/set/overVoltage", huge);
        JsonNode tooLarge = json(observer.await("openkws/test1/result"));
        assertEquals("payload too large: 1048576 bytes, at most 256", tooLarge.get("error").asText());

        assertEquals(reachedController, received.size(), "no rejected command reached the controller");
    }

    @Test
    void a_command_the_controller_never_answers_is_reported_as_timed_out_without_blocking_others()
            throws Exception {
        broker = new Mosquitto(false);
        observer = new Observer(broker.url(), "obs", true, "openkws/test1/result", "openkws/test1/status");
        CompletableFuture<CommandOutcome> never = new CompletableFuture<>();
        MqttSettings settings = MqttSettings.of(broker.url(), "test1");
        exporter = new MqttExporter(settings, c -> c instanceof Command.ResetEnergy
                ? never : CompletableFuture.completedFuture(CommandOutcome.accepted()),
                TestSettings.SPECS, SystemClock.instance(), FAST);
        exporter.start();
        observer.await("openkws/test1/status");
        observer.publish("openkws/test1/set/resetEnergy", "PRESS");
        observer.publish("openkws/test1/set/resetLockout", "PRESS");
        assertEquals("{\"command\":\"resetLockout\",\"ok\":true}", observer.await("openkws/test1/result").payload());
        JsonNode late = json(observer.await("openkws/test1/result"));
        assertEquals("resetEnergy", late.get("command").asText());
        assertEquals("timed out", late.get("error").asText());
    }

    @Test
    void the_last_will_marks_the_device_offline_when_its_connection_dies() throws Exception {
        broker = new Mosquitto(false);
        observer = new Observer(broker.url(), "obs", true, "openkws/test1/status");
        exporter = start(broker.url(), 10, FAST);
        assertEquals("online", observer.await("openkws/test1/status").payload());
        exporter.dropConnectionWithoutDisconnect();
        assertEquals("offline", observer.await("openkws/test1/status").payload());
        observer.close();
        observer = new Observer(broker.url(), "obs2", true, "openkws/test1/status");
        Observer.Received retained = observer.await("openkws/test1/status");
        assertTrue(retained.retained());
        assertEquals("offline", retained.payload());
    }

    @Test
    void close_publishes_offline_before_disconnecting() throws Exception {
        broker = new Mosquitto(false);
        observer = new Observer(broker.url(), "obs", true, "openkws/test1/status");
        exporter = start(broker.url(), 10, FAST);
        assertEquals("online", observer.await("openkws/test1/status").payload());
        exporter.close();
        assertEquals("offline", observer.await("openkws/test1/status").payload());
    }

    /**
     * The outage lasts 2 s in the suite; {@code -Dopenkws.mqtt.outageSeconds=65} replays it past the 60 s backoff
     * cap.
     */
    @Test
    void a_broker_restart_is_survived_without_ever_blocking_the_caller() throws Exception {
        brokerRestart(Double.parseDouble(System.getProperty("openkws.mqtt.outageSeconds", "2.0")));
    }

    /**
     * The broker goes away for {@code outageSeconds}: calls keep returning at once, events beyond the queue bound
     * are dropped oldest first, and on reconnection status, discovery and the queued events come back. The bound
     * on the slowest call is a sanity check with room for a descheduled thread on a busy 2-core machine (typical
     * worst call: a few ms), not a benchmark.
     */
    private void brokerRestart(double outageSeconds) throws Exception {
        int capacity = 10;
        broker = new Mosquitto(true);
        observer = new Observer(broker.url(), "survivor", false, "openkws/test1/#", "homeassistant/#");
        exporter = start(broker.url(), 1, new MqttExporter.Tuning(capacity, 0.1, 0.5, 0.5));
        assertEquals("online", observer.await("openkws/test1/status").payload());
        observer.drain(300);
        assertEquals(1, exporter.connectionCount());

        broker.stop();
        long deadline = System.nanoTime() + (long) (outageSeconds * 1e9);
        long worstNanos = 0;
        int sent = 0;
        while (System.nanoTime() < deadline) {
            long t0 = System.nanoTime();
            exporter.publishState(StateJsonTest.sample(sent % 2 == 0 ? "on" : "off", List.of()), true);
            exporter.publishEvent("{\"t\":" + sent + ",\"type\":\"relay\"}");
            worstNanos = Math.max(worstNanos, System.nanoTime() - t0);
            sent++;
            Mosquitto.pause(20);
        }
        assertFalse(exporter.connected());
        System.out.printf("outage %.1f s: %d publish pairs, worst call %.3f ms%n", outageSeconds, sent, worstNanos / 1e6);
        assertTrue(worstNanos < 100_000_000, "a publish call took " + worstNanos / 1e6 + " ms during the outage");
        assertTrue(sent > capacity);
        assertEquals(sent - capacity, exporter.droppedEvents());

        broker.start();
        observer.reconnect();
        List<Observer.Received> after = new java.util.ArrayList<>();
        long until = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < until && after.stream().filter(r -> r.topic().endsWith("/event")).count() < capacity) {
            after.addAll(observer.drain(200));
        }
        after.addAll(observer.drain(300));
        assertEquals(2, exporter.connectionCount());
        assertTrue(after.stream().anyMatch(r -> r.topic().equals("openkws/test1/status") && r.payload().equals("online")),
                "status online again");
        long discoveryAgain = after.stream().filter(r -> r.topic().startsWith("homeassistant/")).count();
        assertEquals(exporter.discoveryMessages().size(), discoveryAgain, "discovery re-sent");
        List<Integer> events = after.stream().filter(r -> r.topic().equals("openkws/test1/event"))
                .map(r -> r.payload().replaceAll("\\D+", " ").strip().split(" ")[0]).map(Integer::parseInt)
                .collect(Collectors.toList());
        List<Integer> newest = java.util.stream.IntStream.range(sent - capacity, sent).boxed().toList();
        assertEquals(newest, events, "the newest events, in order, up to the queue bound");
        assertEquals(0, exporter.queuedEvents());
    }

    @Test
    void the_embedded_broker_carries_state_and_commands() throws Exception {
        int port = Mosquitto.freePort();
        try (EmbeddedBroker embedded = new EmbeddedBroker(port)) {
            embedded.start();
            observer = new Observer(embedded.url(), "obs", true, "openkws/test1/#");
            exporter = start(embedded.url(), 10, FAST);
            assertEquals("online", observer.await("openkws/test1/status").payload());
            exporter.publishState(StateJsonTest.sample("on", List.of()), true);
            assertEquals("on", json(observer.await("openkws/test1/state")).get("relay").asText());
            observer.publish("openkws/test1/set/relay", "OFF");
            assertEquals("{\"command\":\"relay\",\"ok\":true}", observer.await("openkws/test1/result").payload());
            assertEquals(List.of(new Command.Relay(false)), received);
            exporter.close();
            exporter = null;
            observer.close();
            observer = null;
        }
    }

    @Test
    void an_unreadable_ca_file_is_a_user_error_at_start() throws Exception {
        java.nio.file.Path bad = java.nio.file.Files.createTempFile("openkws-ca", ".pem");
        try {
            java.nio.file.Files.writeString(bad, "not a certificate");
            MqttSettings s = new MqttSettings("ssl://127.0.0.1:8883", null, null, "test1", 10, null, bad, null, null);
            MqttExporter e = new MqttExporter(s, handler, TestSettings.SPECS, SystemClock.instance());
            io.openkws.UserError error = org.junit.jupiter.api.Assertions.assertThrows(io.openkws.UserError.class,
                    e::start);
            assertTrue(error.getMessage().contains("not a PEM certificate"), error.getMessage());
            e.close();
        } finally {
            java.nio.file.Files.delete(bad);
        }
    }
}
