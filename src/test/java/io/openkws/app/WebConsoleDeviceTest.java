package io.openkws.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.openkws.config.Config;
import io.openkws.config.WebConfig;
import io.openkws.service.DeviceService;
import io.openkws.time.SystemClock;
import io.openkws.web.WebConsole;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web console over the real device service of the whole simulated device: its commands move the simulated
 * relay, a refused ON and an out-of-range setting come back with the controller's own words, the glass is the
 * TM1622 RAM the driver wrote, and {@code /metrics} shows the simulated mains.
 *
 * <p>The device runs in virtual time on the test thread; each HTTP request is sent asynchronously and the device is
 * stepped until the answer arrives, as the control loop would run on its own in {@code run}.
 */
class WebConsoleDeviceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path stateDirectory;

    private final HttpClient http = HttpClient.newHttpClient();

    private static Config config() {
        return Config.parse("test.yaml", """
                board: sim
                protection:
                  recoveryDelay: 1.0
                relay:
                  powerOnState: off
                """);
    }

    /** Sends {@code request} and runs the device in 10 ms steps until the answer is in. */
    private HttpResponse<String> send(VirtualDevice d, HttpRequest request) throws Exception {
        CompletableFuture<HttpResponse<String>> answer = http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!answer.isDone() && System.nanoTime() < deadline) {
            d.run(0.01);
        }
        return answer.get();
    }

    private HttpResponse<String> command(VirtualDevice d, String url, String cookie, String csrf, String body)
            throws Exception {
        return send(d, HttpRequest.newBuilder(URI.create(url + "/api/command")).header("Cookie", cookie)
                .header("X-CSRF-Token", csrf).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    @Test
    void the_console_drives_the_real_device_service() throws Exception {
        try (VirtualDevice d = new VirtualDevice(config(), stateDirectory)) {
            d.run(1);
            DeviceService service = d.device().service();
            try (WebConsole console = WebConsole.start(service, new WebConfig(Optional.of(
                    new WebConfig.Listen("127.0.0.1", 0)), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty()), Optional.empty(), SystemClock.instance())) {
                String url = console.url().orElseThrow();
                HttpResponse<String> session = send(d, HttpRequest.newBuilder(URI.create(url + "/api/session"))
                        .build());
                String cookie = session.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
                String csrf = JSON.readTree(session.body()).get("csrf").asText();

                HttpResponse<String> on = command(d, url, cookie, csrf, "{\"name\":\"relay\",\"value\":\"on\"}");
                assertEquals("{\"command\":\"relay\",\"ok\":true}", on.body());
                assertTrue(d.runUntil(5, d::contactsClosed), "the simulated relay closed");

                HttpResponse<String> bad = command(d, url, cookie, csrf, "{\"name\":\"overVoltage\",\"value\":401}");
                JsonNode refused = JSON.readTree(bad.body());
                assertFalse(refused.get("ok").asBoolean());
                assertEquals("overVoltage: 401.0 is out of range (0 to 400 V)", refused.get("error").asText());
                assertEquals(250.0, service.view().settings().overVoltageV());

                d.mains(150);
                d.run(3);
                command(d, url, cookie, csrf, "{\"name\":\"relay\",\"value\":\"off\"}");
                HttpResponse<String> unhealthy = command(d, url, cookie, csrf,
                        "{\"name\":\"relay\",\"value\":\"on\"}");
                JsonNode reason = JSON.readTree(unhealthy.body());
                assertFalse(reason.get("ok").asBoolean(), unhealthy.body());
                assertEquals("voltage unhealthy", reason.get("error").asText());
                assertFalse(d.contactsClosed());

                d.mains(231.0);
                d.run(2);
                JsonNode glass = JSON.readTree(send(d, HttpRequest.newBuilder(URI.create(url + "/api/glass"))
                        .header("Cookie", cookie).build()).body());
                assertEquals(service.glass().orElseThrow().ram().hex(), glass.get("ram").asText());
                String metrics = send(d, HttpRequest.newBuilder(URI.create(url + "/metrics")).build()).body();
                double volts = metrics.lines().filter(l -> l.startsWith("openkws_voltage_volts "))
                        .mapToDouble(l -> Double.parseDouble(l.substring(l.indexOf(' ') + 1))).findFirst()
                        .orElseThrow(() -> new AssertionError(metrics));
                assertEquals(231.0, volts, 0.5);
                assertTrue(metrics.contains("openkws_energy_joules_total "), metrics);
            }
        }
    }
}
