package io.openkws.export.mqtt;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A second MQTT client that watches what the exporter publishes and sends it commands, as Home Assistant would.
 */
public final class Observer implements AutoCloseable {

    /** One received message. */
    public record Received(String topic, String payload, boolean retained) {
    }

    private final MqttClient client;
    private final MqttConnectOptions options = new MqttConnectOptions();
    private final LinkedBlockingQueue<Received> inbox = new LinkedBlockingQueue<>();
    private final List<Received> seen = new ArrayList<>();

    public Observer(String url, String clientId, boolean cleanSession, String... filters) throws MqttException {
        client = new MqttClient(url, clientId, new MemoryPersistence());
        client.setCallback(new org.eclipse.paho.client.mqttv3.MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                inbox.add(new Received(topic, new String(message.getPayload(), StandardCharsets.UTF_8),
                        message.isRetained()));
            }

            @Override
            public void deliveryComplete(org.eclipse.paho.client.mqttv3.IMqttDeliveryToken token) {
            }
        });
        options.setCleanSession(cleanSession);
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setMaxInflight(1000);
        client.connect(options);
        int[] qos = new int[filters.length];
        java.util.Arrays.fill(qos, 1);
        client.subscribe(filters, qos);
    }

    /** Reconnects (after a broker restart), resuming the session when it was not clean. */
    void reconnect() throws MqttException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                client.connect(options);
                return;
            } catch (MqttException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Mosquitto.pause(50);
            }
        }
    }

    public void publish(String topic, String payload) throws MqttException {
        publish(topic, payload.getBytes(StandardCharsets.UTF_8));
    }

    void publish(String topic, byte[] payload) throws MqttException {
        client.publish(topic, payload, 1, false);
    }

    /** Waits for the next message matching {@code test}; earlier non-matching messages stay in {@link #seen()}. */
    public Received await(Predicate<Received> test, String what) throws InterruptedException {
        for (Received r : seen) {
            if (test.test(r)) {
                seen.remove(r);
                return r;
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            long left = deadline - System.nanoTime();
            Received r = left > 0 ? inbox.poll(left, TimeUnit.NANOSECONDS) : null;
            if (r == null) {
                return fail("no message within 10 s: " + what + "; seen " + seen.size() + " others");
            }
            if (test.test(r)) {
                return r;
            }
            seen.add(r);
        }
    }

    Received await(String topic) throws InterruptedException {
        return await(r -> r.topic().equals(topic), topic);
    }

    /** Every message received within {@code millis} from now, plus those already waiting. */
    public List<Received> drain(long millis) throws InterruptedException {
        List<Received> all = new ArrayList<>(seen);
        seen.clear();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (true) {
            long left = deadline - System.nanoTime();
            Received r = left > 0 ? inbox.poll(left, TimeUnit.NANOSECONDS) : null;
            if (r == null) {
                inbox.drainTo(all);
                return all;
            }
            all.add(r);
        }
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect(1000);
        }
        client.close(true);
    }
}
