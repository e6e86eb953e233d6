package io.openkws.export.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13's start order on the whole {@code run} process: an MQTT broker that is not there, a TLS handshake with a
 * plain-TCP broker and refused credentials are a degraded front-end, not an exit. In each case the process stays
 * up, its first relay operation is the startup OFF pulse, the relay closes on power-on and an over-voltage of the
 * simulated mains (board file {@code simulation.mainsSteps}, 262 V from 4 s) still trips; once a working broker is
 * there (started on the closed port, or told the credentials) the exporter's back-off connects and {@code state}
 * is published.
 */
class RunBrokerTroubleProcessTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Over-voltage from 4 s: after the first connection attempt has failed, with the relay already closed. */
    private static final String OVER_VOLTAGE = """
              mainsSteps:
                - { at: 4.0, voltage: 262 }
            """;

    @TempDir
    Path dir;

    @Test
    void a_broker_at_a_closed_port_leaves_run_protecting_and_state_appears_once_the_broker_starts() throws Exception {
        int port = Mosquitto.freePort();
        try (Mosquitto broker = new Mosquitto(false, port, brokerDir -> "allow_anonymous true\n", false)) {
            Path log = dir.resolve("run.log");
            Process app = RunChild.start(config("url: tcp://127.0.0.1:" + port), log);
            try {
                protectsWhileDegraded(app, log, "Connection refused");
                broker.start();
                awaitState(broker, app, log);
            } finally {
                RunChild.kill(app);
            }
        }
    }

    @Test
    void an_ssl_url_to_a_plain_tcp_broker_leaves_run_protecting_and_logs_the_tls_reason() throws Exception {
        try (Mosquitto broker = new Mosquitto(false)) {
            Path log = dir.resolve("run.log");
            Process app = RunChild.start(config("url: ssl://127.0.0.1:" + broker.port()), log);
            try {
                protectsWhileDegraded(app, log, "TLS");
            } finally {
                RunChild.kill(app);
            }
        }
    }

    @Test
    void wrong_credentials_leave_run_protecting_and_state_appears_once_the_broker_accepts_them() throws Exception {
        int port = Mosquitto.freePort();
        // Anonymous clients (the observer) are let in; a client that gives a user name must give its password.
        try (Mosquitto broker = new Mosquitto(false, port,
                brokerDir -> "allow_anonymous true\npassword_file " + brokerDir.resolve("passwords") + "\n", false)) {
            Path passwords = broker.dir().resolve("passwords");
            passwd(passwords, "-c", "openkws", "the-broker-password");
            broker.start();
            Path log = dir.resolve("run.log");
            Process app = RunChild.start(config("""
                    url: tcp://127.0.0.1:%d
                        username: openkws
                        password: a-wrong-password""".formatted(port)), log);
            try {
                protectsWhileDegraded(app, log, "Not authorized");
                passwd(passwords, "", "openkws", "a-wrong-password");
                broker.reload();
                awaitState(broker, app, log);
            } finally {
                RunChild.kill(app);
            }
        }
    }

    /** A config on the over-voltage board with the relay closing at power-on and the given {@code mqtt:} keys. */
    private Path config(String mqtt) throws Exception {
        Path board = RunChild.simBoard(dir, OVER_VOLTAGE);
        Path config = dir.resolve("config.yaml");
        Files.writeString(config, """
                board: %s
                relay: { powerOnState: on }
                protection: { recoveryDelay: 0.5 }
                mqtt:
                    %s
                    deviceId: trouble
                    interval: 1
                state: %s
                """.formatted(board, mqtt, dir.resolve("state")));
        return config;
    }

    /**
     * The broker trouble is logged (its line naming {@code reason}), the relay is driven OFF at start, closes on
     * power-on, and the over-voltage trips it open after the trouble was logged; the process stays up.
     */
    private static void protectsWhileDegraded(Process app, Path log, String reason) throws Exception {
        JsonNode trip = RunChild.awaitEvent(log, app, 30, "over-voltage trip",
                e -> e.path("type").asText().equals("trip"));
        assertEquals("OVP", trip.path("fault").asText(), trip.toString());
        assertEquals(262.0, trip.path("value").asDouble(), 3.0, trip.toString());
        RunChild.awaitEvent(log, app, 5, "relay OFF by the trip", e -> e.path("type").asText().equals("relay")
                && e.path("state").asText().equals("off") && e.path("cause").asText().equals("trip"));
        assertTrue(app.isAlive(), "run stays up\n" + RunChild.text(log));

        List<JsonNode> relay = RunChild.events(log).stream().filter(e -> e.path("type").asText().equals("relay"))
                .toList();
        assertEquals("off", relay.getFirst().path("state").asText(), "first relay operation: " + relay);
        assertEquals("startup", relay.getFirst().path("cause").asText(), "first relay operation: " + relay);
        assertEquals("power-on", relay.get(1).path("cause").asText(), "then the power-on close: " + relay);
        assertEquals("on", relay.get(1).path("state").asText(), "then the power-on close: " + relay);

        List<String> lines = RunChild.lines(log);
        int trouble = indexOf(lines, l -> l.contains("MQTT") && l.contains(reason));
        int tripLine = indexOf(lines, l -> l.contains(" event ") && l.contains("\"type\":\"trip\""));
        assertTrue(trouble >= 0, "the broker trouble is logged with '" + reason + "'\n" + String.join("\n", lines));
        assertTrue(trouble < tripLine, "the trip came while MQTT was degraded\n" + String.join("\n", lines));
        assertFalse(RunChild.text(log).contains("\tat "), "no stack trace\n" + RunChild.text(log));
    }

    /** A state arrives from the running process within the back-off, showing the tripped relay and the high mains. */
    private static void awaitState(Mosquitto broker, Process app, Path log) throws Exception {
        try (Observer ha = new Observer(broker.url(), "ha-trouble", true, "openkws/trouble/state")) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
            while (System.nanoTime() < deadline) {
                for (Observer.Received r : ha.drain(200)) {
                    JsonNode state = JSON.readTree(r.payload());
                    assertEquals("off", state.path("relay").asText(), state.toString());
                    assertEquals(262.0, state.path("voltage").asDouble(), 3.0, state.toString());
                    assertTrue(app.isAlive());
                    assertTrue(RunChild.text(log).contains("MQTT connected"), RunChild.text(log));
                    return;
                }
            }
            fail("no state within 40 s of the broker becoming usable\n" + RunChild.text(log));
        }
    }

    /** {@code mosquitto_passwd -b [flag] file user password}; the file readable by the broker's own user. */
    private static void passwd(Path file, String flag, String user, String password) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("mosquitto_passwd", "-b"));
        if (!flag.isEmpty()) {
            command.add(flag);
        }
        command.addAll(List.of(file.toString(), user, password));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, "mosquitto_passwd: " + out);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    }

    private static int indexOf(List<String> lines, java.util.function.Predicate<String> test) {
        for (int i = 0; i < lines.size(); i++) {
            if (test.test(lines.get(i))) {
                return i;
            }
        }
        return -1;
    }
}
