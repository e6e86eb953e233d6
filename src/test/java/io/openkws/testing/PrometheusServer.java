package io.openkws.testing;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
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
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus (Debian's {@code prometheus}, from {@code PATH}) on a free loopback port, scraping one target
 * every second with HTTP basic auth (user {@code prometheus}), and its PromQL instant queries.
 *
 * <p>Exists so the tests that check the console's {@code /metrics} against a real scraper start, query and stop it
 * the same way. Fails, never skips, when the program is missing.
 */
public final class PrometheusServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path log;
    private final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private PrometheusServer(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.base = "http://127.0.0.1:" + port;
    }

    /** Starts Prometheus scraping {@code 127.0.0.1:targetPort} with {@code password}; its files go in {@code dir}. */
    public static PrometheusServer scraping(int targetPort, String password, Path dir) throws IOException {
        Path prometheus = Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":"))
                .filter(d -> !d.isEmpty()).map(d -> Path.of(d, "prometheus")).filter(Files::isExecutable)
                .findFirst().orElseGet(() -> fail("prometheus not found on PATH: this test needs Debian's "
                        + "prometheus package (apt-get install -y prometheus; .ci/run installs it)"));
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
                      password: %s
                    static_configs:
                      - targets: ['127.0.0.1:%d']
                """.formatted(password, targetPort));
        Path log = dir.resolve("prometheus.log");
        Process process = new ProcessBuilder(prometheus.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
                "--log.level=warn").redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new PrometheusServer(process, log, port);
    }

    /**
     * The first sample of a PromQL instant query, waiting at most {@code timeoutSeconds} for Prometheus to start
     * and scrape; fails with its log when it exits or never answers.
     */
    public double query(String promql, long timeoutSeconds) throws Exception {
        URI uri = URI.create(base + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        String last = "";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                fail("prometheus exited: " + Files.readString(log));
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
        return fail("no result for " + promql + " within " + timeoutSeconds + " s; last answer: " + last + "\nlog: "
                + Files.readString(log));
    }

    /** Stops Prometheus: SIGTERM, then SIGKILL when it has not ended within 10 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
