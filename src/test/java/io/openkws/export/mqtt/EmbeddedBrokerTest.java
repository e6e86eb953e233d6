package io.openkws.export.mqtt;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The in-process broker against clients that misbehave at the protocol level.
 *
 * <p>Exists because such a client used to cost a 98-line {@code SessionCorruptedException} trace in the log each time
 * (logged by Netty for Moquette); now Moquette's one-line warning is all that remains.
 */
class EmbeddedBrokerTest {

    @Test
    void a_client_that_subscribes_before_connack_costs_no_stack_trace_in_the_log() throws Exception {
        int port = Mosquitto.freePort();
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.err;
        try (EmbeddedBroker broker = new EmbeddedBroker(port)) {
            broker.start();
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            for (int i = 0; i < 3; i++) {
                try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                    OutputStream out = s.getOutputStream();
                    out.write(connect("eager" + i));
                    out.write(new byte[] {(byte) 0x82, 8, 0, 1, 0, 3, 'a', '/', 'b', 1});
                    out.flush();
                    s.setSoTimeout(2000);
                    InputStream in = s.getInputStream();
                    byte[] buffer = new byte[64];
                    try {
                        in.read(buffer);
                    } catch (java.net.SocketTimeoutException ignored) {
                        // the broker may close or stay silent
                    }
                }
            }
            Thread.sleep(500);
        } finally {
            System.setErr(original);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        System.out.println("broker log during the test (" + log.lines().count() + " lines):\n" + log);
        assertTrue(log.lines().count() <= 6, "at most a line or two per misbehaving client:\n" + log);
        assertTrue(!log.contains("\tat "), "no stack trace:\n" + log);
    }

    private static byte[] connect(String clientId) {
        byte[] id = clientId.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {0, 4, 'M', 'Q', 'T', 'T', 4, 2, 0, 60});
        body.write(id.length >> 8);
        body.write(id.length & 0xff);
        body.writeBytes(id);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x10);
        out.write(body.size());
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }
}
