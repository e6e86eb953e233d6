package io.openkws.export.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The main job as a user runs it under systemd: {@code openkws run --config C.yaml} in its own JVM, with no
 * terminal, the simulated board and a real mosquitto broker. A Home Assistant-like client sees discovery, status
 * and state, switches the relay off, sends garbage and a 1 MB payload, and SIGTERM leaves the status offline.
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
                Process app = start(config, dir);
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

    private static Process start(Path config, Path dir) throws Exception {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
                "-Xmx96m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dopenkws.home=" + Path.of("").toAbsolutePath(), "-cp", classPath, "io.openkws.cli.Main",
                "run", "--config", config.toString())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("run.log").toFile())
                .start();
    }
}
