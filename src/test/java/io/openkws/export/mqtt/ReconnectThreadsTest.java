package io.openkws.export.mqtt;

import io.openkws.config.MqttConfig;
import io.openkws.time.SystemClock;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every lost session gives back the threads of the client library that carried it.
 *
 * <p>Found on the bench: a second client with the same client id made the broker drop the front-end's session over
 * and over, and the process went from 33 to 119 threads in a minute, because each session's executor (the one the
 * front-end hands to Paho so that a dying receive thread is seen) was never shut down. A meter that runs for years
 * through broker restarts and flaky WiFi must not grow a thread per reconnection.
 */
class ReconnectThreadsTest {

    @Test
    void twenty_sessions_taken_over_by_a_client_with_the_same_id_leave_no_client_threads_behind() throws Exception {
        FakeDevice device = new FakeDevice();
        try (Mosquitto broker = new Mosquitto(false)) {
            MqttFrontEnd front = MqttFrontEnd.start(device, MqttConfig.of(broker.url(), "leak1").withInterval(60),
                    SystemClock.instance(), MqttFrontEndTest.FAST);
            try {
                awaitSessions(front, 1);
                int afterFirst = clientThreads();
                for (int n = 2; n <= 21; n++) {
                    MqttClient intruder = new MqttClient(broker.url(), "openkws-leak1", new MemoryPersistence());
                    intruder.connect();
                    intruder.disconnect();
                    intruder.close();
                    awaitSessions(front, n);
                }
                Mosquitto.pause(300);
                int afterAll = clientThreads();
                System.out.printf("client threads: %d after the first session, %d after 20 more%n", afterFirst,
                        afterAll);
                assertTrue(afterAll <= afterFirst + 2,
                        "client threads grew from " + afterFirst + " to " + afterAll + " over 20 reconnections");
            } finally {
                front.close();
            }
        }
    }

    private static void awaitSessions(MqttFrontEnd front, long count) {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (front.connectionCount() < count || !front.connected()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("session " + count + " not set up within 15 s");
            }
            Mosquitto.pause(10);
        }
    }

    private static int clientThreads() {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && (t.getName().startsWith("openkws-mqtt-paho") || t.getName().startsWith("MQTT")))
                .count();
    }
}
