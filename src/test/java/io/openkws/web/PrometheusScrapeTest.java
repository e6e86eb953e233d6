package io.openkws.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.openkws.config.WebConfig;
import io.openkws.time.SystemClock;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus (Debian's {@code prometheus}) scrapes the console's {@code /metrics} with HTTP basic auth, and
 * PromQL through its HTTP API returns the voltage and the energy counter the device service holds.
 *
 * <p>Fails, never skips, when the program is missing.
 */
class PrometheusScrapeTest {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void prometheus_scrapes_the_voltage_and_the_energy_counter(@TempDir Path dir) throws Exception {
        Path prometheus = java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":"))
                .filter(d -> !d.isEmpty()).map(d -> Path.of(d, "prometheus")).filter(Files::isExecutable)
                .findFirst().orElseGet(() -> fail("prometheus not found on PATH: this test needs Debian's "
                        + "prometheus package (apt-get install -y prometheus; .ci/run installs it)"));
        FakeDeviceService service = new FakeDeviceService();
        service.energy(1.5);
        try (WebConsole console = WebConsole.start(service, new WebConfig(Optional.of(
                new WebConfig.Listen("127.0.0.1", 0)), Optional.of("scrape-me"), Optional.empty(), Optional.empty(),
                Optional.empty()), Optional.empty(), SystemClock.instance())) {
            int target = console.address().orElseThrow().getPort();
            int port = freePort();
            Path config = dir.resolve("prometheus.yml");
            Files.writeString(config, """
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
                    """.formatted(target));
            Process p = new ProcessBuilder(prometheus.toString(), "--config.file=" + config,
                    "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
                    "--log.level=warn").redirectErrorStream(true)
                    .redirectOutput(dir.resolve("prometheus.log").toFile()).start();
            try {
                String base = "http://127.0.0.1:" + port;
                assertEquals(230.0, query(base, "openkws_voltage_volts", p, dir), 1e-9);
                assertEquals(1.5 * 3.6e6, query(base, "openkws_energy_joules_total", p, dir), 1e-3);
                assertEquals(1.0, query(base, "up{job=\"openkws\"}", p, dir));
            } finally {
                p.destroy();
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        }
    }

    /** The first sample of a PromQL instant query, waiting (bounded) for Prometheus to start and scrape. */
    private double query(String base, String promql, Process p, Path dir) throws Exception {
        URI uri = URI.create(base + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String last = "";
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                fail("prometheus exited: " + Files.readString(dir.resolve("prometheus.log")));
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).build(),
                        HttpResponse.BodyHandlers.ofString());
                last = r.body();
                JsonNode result = Json.MAPPER.readTree(last).path("data").path("result");
                if (r.statusCode() == 200 && result.size() > 0) {
                    return Double.parseDouble(result.get(0).get("value").get(1).asText());
                }
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(200);
        }
        return fail("no result for " + promql + " within 30 s; last answer: " + last + "\nlog: "
                + Files.readString(dir.resolve("prometheus.log")));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

}
