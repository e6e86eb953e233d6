package io.openkws.export.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.openkws.store.PersistedState;
import io.openkws.store.StateStore;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus (Debian's {@code prometheus}, started by the test on a loopback port) scrapes a running
 * {@code openkws run} (simulated board, real mosquitto, web console with a password): PromQL returns the voltage,
 * and the energy counter in joules is the same total MQTT {@code state} publishes in kWh.
 */
class RunPrometheusProcessTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void prometheus_scraping_run_sees_the_voltage_and_the_same_energy_as_mqtt(@TempDir Path dir) throws Exception {
        Path prometheus = java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":"))
                .filter(d -> !d.isEmpty()).map(d -> Path.of(d, "prometheus")).filter(Files::isExecutable)
                .findFirst().orElseGet(() -> fail("prometheus not found on PATH: install Debian's prometheus package"));
        Path state = Files.createDirectories(dir.resolve("state"));
        new StateStore(state).save(new PersistedState(12.345, 1.0, 2.0, LocalDate.now(), 3600, true, Map.of()));
        int web = Mosquitto.freePort();
        try (Mosquitto broker = new Mosquitto(false)) {
            Path config = dir.resolve("c.yaml");
            Files.writeString(config, """
                    board: sim
                    relay: { powerOnState: on }
                    protection: { recoveryDelay: 1.0 }
                    mqtt: { url: %s, deviceId: prom1, interval: 1.0 }
                    web: { listen: "127.0.0.1:%d", password: scrape-me }
                    state: %s
                    """.formatted(broker.url(), web, state));
            try (Observer ha = new Observer(broker.url(), "prom-observer", true, "openkws/prom1/state")) {
                Process app = start(config, dir);
                Process prom = null;
                try {
                    JsonNode mqtt = JSON.readTree(ha.await(r -> r.payload().contains("\"voltage\":2"),
                            "a state with a reading").payload());
                    double energyKWh = mqtt.get("energy").asDouble();
                    assertEquals(12.345, energyKWh, 1e-9, "MQTT publishes the saved total");
                    int port = Mosquitto.freePort();
                    Path promConfig = dir.resolve("prometheus.yml");
                    Files.writeString(promConfig, """
                            global:
                              scrape_interval: 1s
                              scrape_timeout: 1s
                            scrape_configs:
                              - job_name: openkws
                                basic_auth:
                                  username: prometheus
                                  password: scrape-me
                                static_configs:
                                  - targets: ['127.0.0.1:%d']
                            """.formatted(web));
                    prom = new ProcessBuilder(prometheus.toString(), "--config.file=" + promConfig,
                            "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
                            "--log.level=warn").redirectErrorStream(true)
                            .redirectOutput(dir.resolve("prometheus.log").toFile()).start();
                    String base = "http://127.0.0.1:" + port;
                    double voltage = query(base, "openkws_voltage_volts", prom, dir);
                    assertTrue(voltage > 225 && voltage < 235, "voltage " + voltage);
                    double joules = query(base, "openkws_energy_joules_total", prom, dir);
                    JsonNode latest = JSON.readTree(ha.await(r -> true, "a later state").payload());
                    assertEquals(latest.get("energy").asDouble() * 3.6e6, joules, 1e-3,
                            "the energy counter is MQTT's energy in joules");
                    assertTrue(app.isAlive(), "run stays up");
                } finally {
                    if (prom != null) {
                        prom.destroy();
                        prom.waitFor(10, TimeUnit.SECONDS);
                    }
                    app.destroy();
                    app.waitFor(20, TimeUnit.SECONDS);
                    app.destroyForcibly();
                }
            }
        }
    }

    private double query(String base, String promql, Process p, Path dir) throws Exception {
        URI uri = URI.create(base + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        String last = "";
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                fail("prometheus exited: " + Files.readString(dir.resolve("prometheus.log")));
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).build(),
                        HttpResponse.BodyHandlers.ofString());
                last = r.body();
                JsonNode result = JSON.readTree(last).path("data").path("result");
                if (r.statusCode() == 200 && result.size() > 0) {
                    return Double.parseDouble(result.get(0).get("value").get(1).asText());
                }
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(200);
        }
        return fail("no result for " + promql + " within 40 s; last answer: " + last);
    }

    private static Process start(Path config, Path dir) throws IOException {
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
