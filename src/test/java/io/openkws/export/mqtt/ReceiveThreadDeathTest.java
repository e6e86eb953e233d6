package io.openkws.export.mqtt;

import io.openkws.config.MqttConfig;
import io.openkws.service.DeviceCommand;
import io.openkws.time.SystemClock;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The client library's receive thread dies and the front-end notices at once.
 *
 * <p>A broker never forwards {@code set/🙂} to exact subscriptions, so the test puts a small TCP proxy between the
 * front-end and mosquitto and injects, between two packets, a PUBLISH whose topic has a character outside the Basic
 * Multilingual Plane: Paho 1.2.5 throws {@code IllegalArgumentException: Invalid UTF-8 char} on its receive thread,
 * which then dies without telling anyone (before this front-end: no command answered until the keep-alive gave up,
 * 60 to 90 s). Here the session is re-established at once and the next command is answered within a second or two.
 */
class ReceiveThreadDeathTest {

    @Test
    void a_dead_receive_thread_is_replaced_at_once_and_commands_are_answered_again() throws Exception {
        FakeDevice device = new FakeDevice();
        try (Mosquitto broker = new Mosquitto(false);
             Proxy proxy = new Proxy(broker.port());
             Observer ha = new Observer(broker.url(), "ha", true, "openkws/p1/status", "openkws/p1/result")) {
            MqttFrontEnd front = MqttFrontEnd.start(device, MqttConfig.of("tcp://127.0.0.1:" + proxy.port(), "p1")
                    .withInterval(60), SystemClock.instance(), MqttFrontEndTest.FAST);
            try {
                ha.await(r -> r.topic().endsWith("/status") && r.payload().equals("online"), "online");
                ha.publish("openkws/p1/set/relay", "ON");
                ha.await("openkws/p1/result");
                Mosquitto.pause(300);

                proxy.injectToClient(publishPacket("openkws/p1/set/" + new String(Character.toChars(0x1F642)), "x"));
                long t0 = System.nanoTime();
                long deadline = t0 + 10_000_000_000L;
                while (front.sessionRestarts() == 0 && System.nanoTime() < deadline) {
                    Mosquitto.pause(10);
                }
                long detectedMillis = (System.nanoTime() - t0) / 1_000_000;
                assertEquals(1, front.sessionRestarts(), "the dead receive thread was noticed");
                while (front.connectionCount() < 2 && System.nanoTime() < deadline) {
                    Mosquitto.pause(10);
                }
                ha.publish("openkws/p1/set/relay", "OFF");
                Observer.Received answer = ha.await("openkws/p1/result");
                long answeredMillis = (System.nanoTime() - t0) / 1_000_000;
                System.out.printf("receive thread death: noticed after %d ms, next command answered after %d ms%n",
                        detectedMillis, answeredMillis);
                assertEquals("{\"command\":\"relay\",\"ok\":true}", answer.payload());
                assertTrue(answeredMillis < 5000, "answered after " + answeredMillis + " ms");
                assertEquals(List.of(new DeviceCommand.Relay(true), new DeviceCommand.Relay(false)), device.received());
                assertTrue(device.healthReports.stream().anyMatch(h -> h.contains("client thread died")),
                        device.healthReports.toString());
            } finally {
                front.close();
            }
        }
    }

    /** An MQTT 3.1.1 PUBLISH at QoS 0 with a UTF-8 topic. */
    static byte[] publishPacket(String topic, String payload) {
        byte[] t = topic.getBytes(StandardCharsets.UTF_8);
        byte[] p = payload.getBytes(StandardCharsets.UTF_8);
        int remaining = 2 + t.length + p.length;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x30);
        do {
            int digit = remaining % 128;
            remaining /= 128;
            out.write(remaining > 0 ? digit | 0x80 : digit);
        } while (remaining > 0);
        out.write(t.length >> 8);
        out.write(t.length & 0xff);
        out.writeBytes(t);
        out.writeBytes(p);
        return out.toByteArray();
    }

    /** Forwards one client connection to the broker and can slip bytes into the broker-to-client direction. */
    private static final class Proxy implements AutoCloseable {
        private final ServerSocket server;
        private final int brokerPort;
        private final Object clientLock = new Object();
        private volatile OutputStream toClient;
        private volatile boolean closed;

        Proxy(int brokerPort) throws IOException {
            this.brokerPort = brokerPort;
            this.server = new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
            Thread accept = new Thread(this::accept, "proxy-accept");
            accept.setDaemon(true);
            accept.start();
        }

        int port() {
            return server.getLocalPort();
        }

        void injectToClient(byte[] bytes) throws IOException {
            synchronized (clientLock) {
                toClient.write(bytes);
                toClient.flush();
            }
        }

        private void accept() {
            while (!closed) {
                try {
                    Socket client = server.accept();
                    Socket upstream = new Socket(InetAddress.getLoopbackAddress(), brokerPort);
                    client.setTcpNoDelay(true);
                    upstream.setTcpNoDelay(true);
                    OutputStream clientOut = client.getOutputStream();
                    toClient = clientOut;
                    pump(client.getInputStream(), upstream.getOutputStream(), null, client, upstream);
                    pump(upstream.getInputStream(), clientOut, clientLock, client, upstream);
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void pump(InputStream in, OutputStream out, Object lock, Socket a, Socket b) {
            Thread t = new Thread(() -> {
                byte[] buffer = new byte[8192];
                try {
                    int n;
                    while ((n = in.read(buffer)) >= 0) {
                        if (lock == null) {
                            out.write(buffer, 0, n);
                        } else {
                            synchronized (lock) {
                                out.write(buffer, 0, n);
                            }
                        }
                        out.flush();
                    }
                } catch (IOException ignored) {
                    // one side closed
                } finally {
                    try {
                        a.close();
                        b.close();
                    } catch (IOException ignored) {
                        // already closed
                    }
                }
            }, "proxy-pump");
            t.setDaemon(true);
            t.start();
        }

        @Override
        public void close() throws IOException {
            closed = true;
            server.close();
        }
    }
}
