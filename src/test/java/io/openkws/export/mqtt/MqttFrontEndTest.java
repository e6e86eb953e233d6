package io.openkws.export.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.openkws.config.MqttConfig;
import io.openkws.protect.Alarm;
import io.openkws.protect.Cause;
import io.openkws.protect.Event;
import io.openkws.protect.Fault;
import io.openkws.protect.ProtectionEngine;
import io.openkws.service.DeviceCommand;
import io.openkws.service.DeviceEvent;
import io.openkws.service.Outcome;
import io.openkws.time.SystemClock;
import io.openkws.time.VirtualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The front-end against a real mosquitto and a fake device service, observed by a second client as Home Assistant would. */
class MqttFrontEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final MqttFrontEnd.Tuning FAST = new MqttFrontEnd.Tuning(1000, 0.1, 0.5, 0.5, 4096, 64, 10);

    private final FakeDevice device = new FakeDevice();
    private Mosquitto broker;
    private MqttFrontEnd front;
    private Observer observer;

    @AfterEach
    void tearDown() throws Exception {
        if (front != null) {
            front.close();
        }
        if (observer != null) {
            observer.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    private MqttFrontEnd start(String url, double intervalSeconds, MqttFrontEnd.Tuning tuning) {
        return MqttFrontEnd.start(device, MqttConfig.of(url, "test1").withInterval(intervalSeconds),
                SystemClock.instance(), tuning);
    }

    private static JsonNode json(Observer.Received r) throws Exception {
        return JSON.readTree(r.payload());
    }

    @Test
    void discovery_announces_every_entity_retained_with_classes_units_and_stable_ids() throws Exception {
        broker = new Mosquitto(false);
        front = start(broker.url(), 10, FAST);
        observer = new Observer(broker.url(), "obs", true, "openkws/test1/status");
        assertEquals("online", observer.await("openkws/test1/status").payload());
        observer.close();
        observer = new Observer(broker.url(), "obs2", true, "homeassistant/+/test1/+/config");
        int expected = front.discoveryMessages().size();
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
        assertEquals("9.9.9-test", energy.get("o").get("sw_version").asText());
        assertEquals("openkws", energy.get("o").get("name").asText());

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
        assertEquals(400, ovp.get("max").asDouble());
        assertEquals(1, ovp.get("step").asDouble());
        assertEquals("V", ovp.get("unit_of_measurement").asText());
        assertEquals("voltage", ovp.get("device_class").asText());
        assertEquals("config", ovp.get("entity_category").asText());
        assertEquals("box", ovp.get("mode").asText());
        assertEquals("openkws/test1/set/overVoltage", ovp.get("command_topic").asText());
        assertFalse(byTopic.get("homeassistant/number/test1/overload_retries/config").has("unit_of_measurement"));
        JsonNode screen = byTopic.get("homeassistant/number/test1/screen_timeout/config");
        assertEquals("min", screen.get("unit_of_measurement").asText());
        assertEquals("duration", screen.get("device_class").asText());
        JsonNode countdown = byTopic.get("homeassistant/number/test1/countdown/config");
        assertEquals("{{ value_json.countdown }}", countdown.get("value_template").asText());
        assertEquals("{{ value_json.countdownLeft }}",
                byTopic.get("homeassistant/sensor/test1/countdown_left/config").get("value_template").asText());

        JsonNode select = byTopic.get("homeassistant/select/test1/power_on_state/config");
        assertEquals(List.of("off", "on", "memory"), JSON.convertValue(select.get("options"), List.class));
        assertEquals("PRESS", byTopic.get("homeassistant/button/test1/reset_energy/config").get("payload_press").asText());
        assertTrue(byTopic.containsKey("homeassistant/button/test1/reset_lockout/config"));
        for (String fault : Discovery.FAULTS) {
            JsonNode b = byTopic.get("homeassistant/binary_sensor/test1/fault_" + fault.toLowerCase() + "/config");
            assertEquals("problem", b.get("device_class").asText());
        }
        assertEquals("problem", byTopic.get("homeassistant/binary_sensor/test1/lockout/config").get("device_class")
                .asText());
        assertTrue(byTopic.containsKey("homeassistant/binary_sensor/test1/alarm_relay_welded/config"));
        assertTrue(byTopic.containsKey("homeassistant/binary_sensor/test1/alarm_coil_failure/config"));
        JsonNode protection = byTopic.get("homeassistant/sensor/test1/protection/config");
        assertEquals("enum", protection.get("device_class").asText());
        assertEquals(6, protection.get("options").size());
        JsonNode trip = byTopic.get("homeassistant/event/test1/trip/config");
        assertEquals("openkws/test1/event/trip", trip.get("state_topic").asText());
        assertEquals("ovp", trip.get("event_types").get(0).asText());
        assertTrue(byTopic.containsKey("homeassistant/event/test1/alarm/config"));
        assertEquals("diagnostic",
                byTopic.get("homeassistant/sensor/test1/bad_frames/config").get("entity_category").asText());
        Set<String> ids = new HashSet<>();
        byTopic.values().forEach(c -> assertTrue(ids.add(c.get("unique_id").asText()), "duplicate unique_id"));
    }

    @Test
    void discovery_is_sent_again_when_home_assistant_comes_online_at_most_once_per_interval() throws Exception {
        broker = new Mosquitto(false);
        observer = new Observer(broker.url(), "obs", true, "openkws/test1/status", "homeassistant/sensor/test1/energy/config");
        VirtualClock clock = new VirtualClock();
        front = MqttFrontEnd.start(device, MqttConfig.of(broker.url(), "test1"), clock, FAST);
        observer.await("homeassistant/sensor/test1/energy/config");
        clock.advanceTo(11_000_000_000L);
        observer.publish("homeassistant/status", "online");
        Observer.Received again = observer.await("homeassistant/sensor/test1/energy/config");
        assertEquals("energy", json(again).get("device_class").asText());
        assertEquals(2, front.discoveryRounds());

        for (int i = 0; i < 500; i++) {
            observer.publish("homeassistant/status", "online");
        }
        List<Observer.Received> flood = observer.drain(1000);
        assertEquals(0, flood.stream().filter(r -> r.topic().startsWith("homeassistant/sensor")).count(),
                "a flood of births within 10 s is held back");
        clock.advanceTo(21_500_000_000L);
        observer.await("homeassistant/sensor/test1/energy/config");
        assertTrue(observer.drain(500).stream().noneMatch(r -> r.topic().startsWith("homeassistant/sensor")),
                "the whole flood costs one round");
        assertEquals(3, front.discoveryRounds());
    }

    @Test
    void a_changed_view_goes_out_at_once_and_the_latest_view_every_interval() throws Exception {
        broker = new Mosquitto(false);
        observer = new Observer(broker.url(), "obs", true, "openkws/test1/state", "openkws/test1/status");
        front = start(broker.url(), 1, FAST);
        observer.await("openkws/test1/status");
        observer.drain(200);
        device.relay(true);
        device.faults(Set.of(Fault.OVP), ProtectionEngine.State.TRIPPED);
        device.emit(new DeviceEvent.Changed(device.view()));
        JsonNode first = json(observer.await("openkws/test1/state"));
        assertEquals("off", first.get("relay").asText(), "protection has decided to open");
        assertEquals("closed", first.get("contacts").asText(), "the contacts have not moved yet");
        assertEquals("OVP", first.get("faults").get(0).asText());
        assertEquals("tripped", first.get("protection").asText());
        assertEquals(230.0, first.get("voltage").asDouble());
        assertEquals(io.openkws.protect.ProtectionSettings.DEFAULTS.get("overVoltage"),
                first.get("settings").get("overVoltage").asDouble());

        device.relay(false);
        device.faults(Set.of(), ProtectionEngine.State.OFF);
        JsonNode periodic = json(observer.await(r -> r.topic().equals("openkws/test1/state")
                && r.payload().contains("\"relay\":\"off\""), "the periodic state"));
        assertTrue(periodic.get("faults").isEmpty());
    }

    @Test
    void the_periodic_state_follows_the_injected_clock() throws Exception {
        broker = new Mosquitto(false);
        observer = new Observer(broker.url(), "obs", true, "openkws/test1/state", "openkws/test1/status");
        VirtualClock clock = new VirtualClock();
        device.relay(true);
        front = MqttFrontEnd.start(device, MqttConfig.of(broker.url(), "test1").withInterval(5), clock, FAST);
        observer.await("openkws/test1/status");
        assertEquals("on", json(observer.await("openkws/test1/state")).get("relay").asText(), "sent on connect");
        device.relay(false);
        clock.advanceTo(4_900_000_000L);
        assertTrue(observer.drain(500).stream().noneMatch(r -> r.topic().endsWith("/state")),
                "no state between intervals without a change");
        clock.advanceTo(5_000_000_000L);
        assertEquals("off", json(observer.await("openkws/test1/state")).get("relay").asText());
    }

    @Test
    void events_are_published_in_order_and_trips_and_alarms_reach_home_assistants_event_entities()
            throws Exception {
        broker = new Mosquitto(false);
        observer = new Observer(broker.url(), "obs", true, "openkws/test1/event", "openkws/test1/event/+",
                "openkws/test1/status");
        front = start(broker.url(), 10, FAST);
        observer.await("openkws/test1/status");
        for (int i = 0; i < 20; i++) {
            device.emit(new DeviceEvent.Logged(new Event.Relay(i * 1_000_000_000L, i % 2 == 0, Cause.COMMAND)));
        }
        for (int i = 0; i < 20; i++) {
            assertEquals(i, json(observer.await("openkws/test1/event")).get("t").asInt());
        }
        device.emit(new DeviceEvent.Logged(new Event.Trip(21_000_000_000L, Fault.OVP, 262.0, 260.0)));
        assertEquals("trip", json(observer.await("openkws/test1/event")).get("type").asText());
        JsonNode trip = json(observer.await("openkws/test1/event/trip"));
        assertEquals("ovp", trip.get("event_type").asText());
        assertEquals(262.0, trip.get("value").asDouble());
        device.emit(new DeviceEvent.Logged(new Event.AlarmRaised(22_000_000_000L, Alarm.RELAY_WELDED, 3.2)));
        assertEquals("relay_welded", json(observer.await("openkws/test1/event/alarm")).get("event_type").asText());
        device.emit(new DeviceEvent.Logged(new Event.AlarmCleared(23_000_000_000L, Alarm.RELAY_WELDED)));
        assertEquals("relay_welded_cleared",
                json(observer.await("openkws/test1/event/alarm")).get("event_type").asText());
    }

    @Test
    void commands_are_validated_answered_and_only_good_ones_reach_the_device() throws Exception {
        broker = new Mosquitto(false);
        observer = new Observer(broker.url(), "obs", true, "openkws/test1/result", "openkws/test1/status");
        front = start(broker.url(), 10, FAST);
        observer.await("openkws/test1/status");

        observer.publish("openkws/test1/set/relay", "on");
        assertEquals("{\"command\":\"relay\",\"ok\":true}", observer.await("openkws/test1/result").payload());
        assertEquals(List.of(new DeviceCommand.Relay(true)), device.received());

        observer.publish("openkws/test1/set/overVoltage", "252");
        assertEquals("{\"command\":\"overVoltage\",\"ok\":true}", observer.await("openkws/test1/result").payload());
        assertEquals(new DeviceCommand.ChangeSetting("overVoltage", 252), device.received().get(1));

        device.voltageHealthy(false);
        observer.publish("openkws/test1/set/relay", "ON");
        JsonNode refused = json(observer.await("openkws/test1/result"));
        assertFalse(refused.get("ok").asBoolean());
        assertEquals("voltage unhealthy", refused.get("error").asText());
        int reachedDevice = device.received().size();

        observer.publish("openkws/test1/set/overVoltage", "abc");
        JsonNode nonNumeric = json(observer.await("openkws/test1/result"));
        assertEquals("overVoltage", nonNumeric.get("command").asText());
        assertFalse(nonNumeric.get("ok").asBoolean());
        assertTrue(nonNumeric.get("error").asText().startsWith("expected a number"));

        observer.publish("openkws/test1/set/overVoltage", "999");
        assertTrue(json(observer.await("openkws/test1/result")).get("error").asText()
                .startsWith("overVoltage: 999.0 is out of range ("));

        byte[] huge = new byte[1024 * 1024];
        java.util.Arrays.fill(huge, (byte) '1');
        observer.publish("openkws/test1/set/overVoltage", huge);
        JsonNode tooLarge = json(observer.await("openkws/test1/result"));
        assertEquals("payload too large: 1048576 bytes, at most 256", tooLarge.get("error").asText());

        observer.publish("openkws/test1/set/resetEnergy", "");
        assertTrue(json(observer.await("openkws/test1/result")).get("error").asText().startsWith("empty payload"));

        observer.publish("openkws/test1/set/selfDestruct", "1");
        assertTrue(observer.drain(500).stream().noneMatch(r -> r.topic().endsWith("/result")),
                "an unknown name is not even subscribed, so nothing answers it");

        assertEquals(reachedDevice, device.received().size(), "no rejected command reached the device");
    }

    @Test
    void a_command_the_device_never_answers_is_reported_as_timed_out_without_blocking_others() throws Exception {
        broker = new Mosquitto(false);
        observer = new Observer(broker.url(), "obs", true, "openkws/test1/result", "openkws/test1/status");
        CompletableFuture<Outcome> never = new CompletableFuture<>();
        device.answer(c -> c instanceof DeviceCommand.ResetEnergy
                ? never : CompletableFuture.completedFuture(Outcome.accepted()));
        front = start(broker.url(), 10, FAST);
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
        front = start(broker.url(), 10, FAST);
        assertEquals("online", observer.await("openkws/test1/status").payload());
        front.dropConnectionWithoutDisconnect();
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
        front = start(broker.url(), 10, FAST);
        assertEquals("online", observer.await("openkws/test1/status").payload());
        front.close();
        assertEquals("offline", observer.await("openkws/test1/status").payload());
    }

    /**
     * The outage lasts 2 s in the suite; {@code -Dopenkws.mqtt.outageSeconds=65} replays it past the 60 s backoff
     * cap.
     */
    @Test
    void a_broker_restart_is_survived_without_ever_blocking_the_device() throws Exception {
        brokerRestart(Double.parseDouble(System.getProperty("openkws.mqtt.outageSeconds", "2.0")));
    }

    /**
     * The broker goes away for {@code outageSeconds}: handing events over keeps returning at once, events beyond
     * the queue bound are dropped oldest first, the outage is reported as the device's degraded health, and on
     * reconnection status, discovery and the queued events come back. The bound on the slowest call is a sanity
     * check with room for a descheduled thread on a busy 2-core machine (typical worst call: well under 1 ms),
     * not a benchmark.
     */
    private void brokerRestart(double outageSeconds) throws Exception {
        int capacity = 10;
        broker = new Mosquitto(true);
        observer = new Observer(broker.url(), "survivor", false, "openkws/test1/#", "homeassistant/#");
        front = start(broker.url(), 1, new MqttFrontEnd.Tuning(capacity, 0.1, 0.5, 0.5, 1024, 16, 10));
        assertEquals("online", observer.await("openkws/test1/status").payload());
        observer.drain(300);
        assertEquals(1, front.connectionCount());
        assertFalse(device.health.containsKey("mqtt"));

        broker.stop();
        long deadline = System.nanoTime() + (long) (outageSeconds * 1e9);
        long worstNanos = 0;
        int sent = 0;
        while (System.nanoTime() < deadline) {
            long t0 = System.nanoTime();
            device.emit(new DeviceEvent.Changed(device.view()));
            device.emit(new DeviceEvent.Logged(new Event.Relay(sent * 1_000_000_000L, sent % 2 == 0, Cause.COMMAND)));
            worstNanos = Math.max(worstNanos, System.nanoTime() - t0);
            sent++;
            Mosquitto.pause(20);
        }
        Mosquitto.pause(100);
        assertFalse(front.connected());
        System.out.printf("outage %.1f s: %d event pairs, worst call %.3f ms%n", outageSeconds, sent, worstNanos / 1e6);
        assertTrue(worstNanos < 100_000_000, "handing an event over took " + worstNanos / 1e6 + " ms");
        assertTrue(sent > capacity);
        assertEquals(sent - capacity, front.droppedEvents());
        assertTrue(device.health.getOrDefault("mqtt", "").contains("connection lost")
                        || device.health.getOrDefault("mqtt", "").contains("Unable to connect"),
                "the outage is reported: " + device.health);

        broker.start();
        observer.reconnect();
        List<Observer.Received> after = new java.util.ArrayList<>();
        long until = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < until && after.stream().filter(r -> r.topic().endsWith("/event")).count() < capacity) {
            after.addAll(observer.drain(200));
        }
        after.addAll(observer.drain(300));
        assertEquals(2, front.connectionCount());
        assertTrue(after.stream().anyMatch(r -> r.topic().equals("openkws/test1/status") && r.payload().equals("online")),
                "status online again");
        long discoveryAgain = after.stream().filter(r -> r.topic().startsWith("homeassistant/")).count();
        assertEquals(front.discoveryMessages().size(), discoveryAgain, "discovery re-sent");
        List<Integer> events = new java.util.ArrayList<>();
        for (Observer.Received r : after) {
            if (r.topic().equals("openkws/test1/event")) {
                events.add(json(r).get("t").asInt());
            }
        }
        List<Integer> newest = java.util.stream.IntStream.range(sent - capacity, sent).boxed().toList();
        assertEquals(newest, events, "the newest events, in order, up to the queue bound");
        assertEquals(0, front.queuedEvents());
        assertFalse(device.health.containsKey("mqtt"), "healthy again: " + device.health);
    }

    @Test
    void the_embedded_broker_carries_state_and_commands_and_accepts_an_empty_client_id() throws Exception {
        int port = Mosquitto.freePort();
        try (EmbeddedBroker embedded = new EmbeddedBroker(port)) {
            embedded.start();
            observer = new Observer(embedded.url(), "obs", true, "openkws/test1/#");
            front = start(embedded.url(), 10, FAST);
            assertEquals("online", observer.await("openkws/test1/status").payload());
            device.relay(true);
            device.emit(new DeviceEvent.Changed(device.view()));
            assertEquals("on", json(observer.await(r -> r.topic().equals("openkws/test1/state")
                    && r.payload().contains("\"relay\":\"on\""), "state on")).get("relay").asText());
            observer.publish("openkws/test1/set/relay", "OFF");
            assertEquals("{\"command\":\"relay\",\"ok\":true}", observer.await("openkws/test1/result").payload());
            assertEquals(List.of(new DeviceCommand.Relay(false)), device.received());

            Process sub = new ProcessBuilder("mosquitto_sub", "-h", "127.0.0.1", "-p", Integer.toString(port),
                    "-t", "openkws/test1/status", "-C", "1", "-W", "5").redirectErrorStream(true).start();
            String out = new String(sub.getInputStream().readAllBytes()).strip();
            assertTrue(sub.waitFor(10, java.util.concurrent.TimeUnit.SECONDS));
            assertEquals(0, sub.exitValue(), "stock mosquitto_sub (empty client id) is accepted: " + out);
            assertEquals("online", out);
            front.close();
            front = null;
            observer.close();
            observer = null;
        }
    }

    @Test
    void an_unreadable_ca_file_is_a_degraded_state_not_an_exception() throws Exception {
        java.nio.file.Path bad = java.nio.file.Files.createTempFile("openkws-ca", ".pem");
        try {
            java.nio.file.Files.writeString(bad, "not a certificate");
            MqttConfig c = MqttConfig.of("ssl://127.0.0.1:" + Mosquitto.freePort(), "test1").withTls(bad, null, null);
            front = MqttFrontEnd.start(device, c, SystemClock.instance(), FAST);
            awaitHealth(h -> h.contains("not a PEM certificate"));
        } finally {
            java.nio.file.Files.delete(bad);
        }
    }

    @Test
    void ssl_to_a_plain_port_reports_the_tls_reason_and_keeps_retrying() throws Exception {
        broker = new Mosquitto(false);
        front = MqttFrontEnd.start(device, MqttConfig.of("ssl://127.0.0.1:" + broker.port(), "test1"),
                SystemClock.instance(), FAST);
        String reason = awaitHealth(h -> h.contains("TLS"));
        assertTrue(reason.contains("TLS handshake failed"), reason);
        assertFalse(front.connected());
    }

    @Test
    void an_unreachable_broker_is_degraded_health_and_is_retried() throws Exception {
        front = MqttFrontEnd.start(device, MqttConfig.of("tcp://127.0.0.1:" + Mosquitto.freePort(), "test1"),
                SystemClock.instance(), FAST);
        String reason = awaitHealth(h -> !h.isEmpty());
        assertTrue(reason.contains("Unable to connect") || reason.contains("refused"), reason);
        Mosquitto.pause(1500);
        assertTrue(device.healthReports.size() >= 2, "retried: " + device.healthReports);
    }

    private String awaitHealth(java.util.function.Predicate<String> test) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            String h = device.health.get("mqtt");
            if (h != null && test.test(h)) {
                return h;
            }
            Mosquitto.pause(20);
        }
        return org.junit.jupiter.api.Assertions.fail("no such health report: " + device.healthReports);
    }
}
