package io.openkws.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.openkws.config.WebConfig;
import io.openkws.driver.button.Button;
import io.openkws.protect.Cause;
import io.openkws.protect.Event;
import io.openkws.protect.Fault;
import io.openkws.service.DeviceCommand;
import io.openkws.time.SystemClock;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The console's HTTP API as {@code curl} or a script sees it: status codes, one-line errors, the access rules, and
 * commands arriving at the device service exactly as sent.
 */
class WebApiTest {

    private final FakeDeviceService service = new FakeDeviceService();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private WebConsole console;

    @AfterEach
    void stop() {
        if (console != null) {
            console.close();
        }
    }

    private String start(Optional<String> password) {
        console = WebConsole.start(service, new WebConfig(Optional.of(new WebConfig.Listen("127.0.0.1", 0)),
                password, Optional.empty(), Optional.empty(), Optional.empty()), Optional.empty(),
                SystemClock.instance());
        return console.url().orElseThrow();
    }

    private HttpResponse<String> get(String url, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String url, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A session cookie and its CSRF token, as the page gets them. */
    private record Login(String cookie, String csrf) {
    }

    private Login session(String url) throws Exception {
        HttpResponse<String> r = get(url + "/api/session");
        assertEquals(200, r.statusCode(), r.body());
        return new Login(cookieOf(r), json(r).get("csrf").asText());
    }

    private static String cookieOf(HttpResponse<String> r) {
        String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return Json.MAPPER.readTree(r.body());
    }

    private HttpResponse<String> command(String url, Login s, String body) throws Exception {
        return post(url + "/api/command", body, "Cookie", s.cookie(), ConsoleHandler.CSRF_HEADER, s.csrf());
    }

    @Test
    void the_state_uses_the_mqtt_names_and_follows_the_service() throws Exception {
        String url = start(Optional.empty());
        Login s = session(url);
        JsonNode state = json(get(url + "/api/state", "Cookie", s.cookie()));
        assertEquals(230.0, state.get("voltage").asDouble());
        assertEquals(12.5, state.get("energy").asDouble());
        assertEquals("off", state.get("relay").asText());
        assertEquals(250.0, state.get("settings").get("overVoltage").asDouble());
        service.voltage(241.5);
        assertEquals(241.5, json(get(url + "/api/state", "Cookie", s.cookie())).get("voltage").asDouble());
        JsonNode info = json(get(url + "/api/info", "Cookie", s.cookie()));
        assertEquals("ht7017", info.get("chip").asText());
        assertEquals("V", info.get("settings").get(0).get("unit").asText());
    }

    @Test
    void the_session_cookie_is_http_only_and_same_site_strict() throws Exception {
        String url = start(Optional.empty());
        String setCookie = get(url + "/api/session").headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(setCookie.contains("HttpOnly"), setCookie);
        assertTrue(setCookie.contains("SameSite=Strict"), setCookie);
    }

    @Test
    void commands_reach_the_service_and_its_refusal_comes_back_word_for_word() throws Exception {
        String url = start(Optional.empty());
        Login s = session(url);
        HttpResponse<String> ok = command(url, s, "{\"name\":\"relay\",\"value\":\"on\"}");
        assertEquals(200, ok.statusCode());
        assertEquals("{\"command\":\"relay\",\"ok\":true}", ok.body());
        assertEquals(new DeviceCommand.Relay(true), service.commands.getLast());

        HttpResponse<String> refused = command(url, s, "{\"name\":\"overVoltage\",\"value\":401}");
        assertEquals(200, refused.statusCode());
        assertEquals("{\"command\":\"overVoltage\",\"ok\":false,\"error\":\"overVoltage: 401.0 is out of range "
                + "(0 to 400 V)\"}", refused.body());
        assertEquals(250.0, service.settings().overVoltageV());

        command(url, s, "{\"name\":\"button\",\"button\":\"power\",\"down\":true}");
        command(url, s, "{\"name\":\"button\",\"button\":\"power\",\"down\":false}");
        assertEquals(new DeviceCommand.PressButton(Button.POWER, false), service.commands.getLast());
        assertEquals(200, command(url, s, "{\"name\":\"powerOnState\",\"value\":\"off\"}").statusCode());
        assertEquals("off", json(get(url + "/api/state", "Cookie", s.cookie())).get("powerOnState").asText());
    }

    @Test
    void bad_json_is_a_400_with_one_line() throws Exception {
        String url = start(Optional.empty());
        Login s = session(url);
        HttpResponse<String> r = command(url, s, "{\"name\":\"relay\",");
        assertEquals(400, r.statusCode());
        String error = json(r).get("error").asText();
        assertTrue(error.startsWith("bad JSON"), error);
        assertFalse(error.contains("\n"), error);
        assertEquals(400, command(url, s, "[1,2]").statusCode());
        assertEquals(400, command(url, s, "{\"name\":\"overVoltage\",\"value\":\"abc\"}").statusCode());
        assertEquals(400, command(url, s, "{\"name\":\"selfDestruct\"}").statusCode());
        assertTrue(service.commands.isEmpty());
    }

    @Test
    void an_oversized_body_is_a_413_and_never_reaches_the_service() throws Exception {
        String url = start(Optional.empty());
        Login s = session(url);
        String big = "{\"name\":\"relay\",\"value\":\"on\",\"pad\":\"" + "x".repeat(1 << 20) + "\"}";
        HttpResponse<String> r = command(url, s, big);
        assertEquals(413, r.statusCode());
        assertTrue(service.commands.isEmpty());
        String justOver = "{\"name\":\"relay\",\"value\":\"on\",\"pad\":\"" + "x".repeat(ConsoleHandler.MAX_BODY) + "\"}";
        assertEquals(413, command(url, s, justOver).statusCode());
        assertEquals(200, command(url, s, "{\"name\":\"relay\",\"value\":\"on\"}").statusCode());
    }

    @Test
    void without_a_session_the_api_answers_401_and_with_a_wrong_csrf_token_403() throws Exception {
        String url = start(Optional.empty());
        assertEquals(401, get(url + "/api/state").statusCode());
        assertEquals(401, post(url + "/api/command", "{\"name\":\"relay\",\"value\":\"on\"}").statusCode());
        Login s = session(url);
        HttpResponse<String> noToken = post(url + "/api/command", "{\"name\":\"relay\",\"value\":\"on\"}",
                "Cookie", s.cookie());
        assertEquals(403, noToken.statusCode());
        assertEquals(403, post(url + "/api/command", "{\"name\":\"relay\",\"value\":\"on\"}", "Cookie", s.cookie(),
                ConsoleHandler.CSRF_HEADER, "forged").statusCode());
        assertTrue(service.commands.isEmpty());
    }

    @Test
    void with_a_password_log_in_is_required_and_wrong_passwords_are_rate_limited() throws Exception {
        String url = start(Optional.of("s3cret"));
        JsonNode anon = json(get(url + "/api/session"));
        assertFalse(anon.get("authenticated").asBoolean());
        assertEquals(401, get(url + "/api/state").statusCode());
        assertEquals(401, post(url + "/api/login", "{\"password\":\"nope\"}").statusCode());
        HttpResponse<String> good = post(url + "/api/login", "{\"password\":\"s3cret\"}");
        assertEquals(200, good.statusCode());
        Login s = new Login(cookieOf(good), json(good).get("csrf").asText());
        assertEquals(200, get(url + "/api/state", "Cookie", s.cookie()).statusCode());
        for (int i = 0; i < Sessions.FAILURES_ALLOWED; i++) {
            assertEquals(401, post(url + "/api/login", "{\"password\":\"guess" + i + "\"}").statusCode());
        }
        HttpResponse<String> limited = post(url + "/api/login", "{\"password\":\"s3cret\"}");
        assertEquals(429, limited.statusCode());
        assertTrue(limited.headers().firstValue("Retry-After").isPresent());
        assertEquals(200, command(url, s, "{\"name\":\"relay\",\"value\":\"off\"}").statusCode());
        assertEquals(200, post(url + "/api/logout", "{}", "Cookie", s.cookie(), ConsoleHandler.CSRF_HEADER,
                s.csrf()).statusCode());
        assertEquals(401, get(url + "/api/state", "Cookie", s.cookie()).statusCode());
    }

    @Test
    void metrics_need_basic_auth_when_a_password_is_set() throws Exception {
        String url = start(Optional.of("s3cret"));
        HttpResponse<String> none = get(url + "/metrics");
        assertEquals(401, none.statusCode());
        assertTrue(none.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"));
        String wrong = Base64.getEncoder().encodeToString("prometheus:nope".getBytes(StandardCharsets.UTF_8));
        assertEquals(401, get(url + "/metrics", "Authorization", "Basic " + wrong).statusCode());
        String right = Base64.getEncoder().encodeToString("prometheus:s3cret".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> ok = get(url + "/metrics", "Authorization", "Basic " + right);
        assertEquals(200, ok.statusCode());
        assertTrue(ok.body().contains("openkws_voltage_volts 230.0"), ok.body());
    }

    @Test
    void metrics_carry_the_issue_17_names_and_the_mqtt_energy_total_in_joules() throws Exception {
        String url = start(Optional.empty());
        service.energy(2.0);
        service.trip(Fault.OVP, 262, 250);
        Thread.sleep(100);
        String text = get(url + "/metrics").body();
        for (String name : new String[] {"openkws_voltage_volts", "openkws_current_amperes", "openkws_power_watts",
                "openkws_apparent_power_voltamperes", "openkws_reactive_power_voltamperes_reactive",
                "openkws_power_factor_ratio", "openkws_frequency_hertz", "openkws_relay_closed",
                "openkws_meter_bad_frames_total"}) {
            assertTrue(text.contains("\n" + name + " "), name + " missing in\n" + text);
        }
        assertTrue(text.contains("openkws_energy_joules_total 7200000.0"), text);
        assertTrue(text.contains("openkws_fault_active{fault=\"OVP\"} 1.0"), text);
        assertTrue(text.contains("openkws_fault_active{fault=\"UVP\"} 0.0"), text);
        assertTrue(text.contains("openkws_alarm_active{alarm=\"RELAY_WELDED\"} 0.0"), text);
        assertTrue(text.contains("openkws_trips_total{fault=\"OVP\"} 1.0"), text);
        assertTrue(text.contains("openkws_meter_bad_frames_total 3.0"), text);
        assertTrue(text.contains("openkws_build_info{version=\"0.1.0-test\"} 1"), text);
        assertTrue(text.contains("# TYPE openkws_energy_joules_total counter"), text);
        service.noReading();
        assertFalse(get(url + "/metrics").body().contains("openkws_voltage_volts "));
    }

    @Test
    void the_event_stream_sends_the_ring_the_state_and_live_lines() throws Exception {
        String url = start(Optional.empty());
        service.emit(new Event.Relay(1_000_000_000L, true, Cause.COMMAND));
        Login s = session(url);
        HttpRequest req = HttpRequest.newBuilder(URI.create(url + "/api/events")).header("Cookie", s.cookie())
                .build();
        HttpResponse<InputStream> r = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
        assertEquals("text/event-stream; charset=utf-8", r.headers().firstValue("Content-Type").orElseThrow());
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            assertEquals("retry: 2000", in.readLine());
            in.readLine();
            assertEquals("event: history", in.readLine());
            assertEquals("data: [{\"t\":1.000,\"type\":\"relay\",\"state\":\"on\",\"cause\":\"command\"}]",
                    in.readLine());
            in.readLine();
            assertEquals("event: state", in.readLine());
            assertTrue(in.readLine().contains("\"voltage\":230.0"));
            service.trip(Fault.UVP, 150, 180);
            String line;
            do {
                line = in.readLine();
            } while (line != null && !line.equals("event: log"));
            assertEquals("data: {\"t\":0.001,\"type\":\"trip\",\"fault\":\"UVP\",\"value\":150.0,\"limit\":180.0}",
                    in.readLine());
        }
        HttpResponse<String> jsonl = get(url + "/api/events.jsonl", "Cookie", s.cookie());
        assertEquals(2, jsonl.body().lines().count(), jsonl.body());
    }

    @Test
    void a_taken_port_is_one_health_report_not_an_exception() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            console = WebConsole.start(service, new WebConfig(Optional.of(new WebConfig.Listen("127.0.0.1",
                    taken.getLocalPort())), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()),
                    Optional.empty(), SystemClock.instance());
            assertTrue(console.url().isEmpty());
            assertTrue(service.health.get(WebConsole.PART).contains("cannot listen on 127.0.0.1:"
                    + taken.getLocalPort()), service.health.toString());
        }
    }

    @Test
    void a_non_loopback_address_without_a_password_is_refused() {
        console = WebConsole.start(service, new WebConfig(Optional.of(new WebConfig.Listen("0.0.0.0", 0)),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()), Optional.empty(),
                SystemClock.instance());
        assertTrue(console.url().isEmpty());
        assertEquals("not started: listening on 0.0.0.0:0 (not loopback) needs web.password",
                service.health.get(WebConsole.PART));
    }

    @Test
    void history_without_a_store_says_so_and_with_one_returns_its_rows() throws Exception {
        String url = start(Optional.empty());
        Login s = session(url);
        JsonNode none = json(get(url + "/api/history?by=day", "Cookie", s.cookie()));
        assertFalse(none.get("available").asBoolean());
        console.close();
        HistorySource store = (by, count) -> java.util.List.of(new HistorySource.Row(
                java.time.Instant.parse("2026-01-01T00:00:00Z"), 2.0, 229, 230, 231, 2100, 60));
        console = WebConsole.start(service, new WebConfig(Optional.of(new WebConfig.Listen("127.0.0.1", 0)),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()), Optional.of(store),
                SystemClock.instance());
        url = console.url().orElseThrow();
        s = session(url);
        JsonNode rows = json(get(url + "/api/history?by=hour&count=48", "Cookie", s.cookie()));
        assertTrue(rows.get("available").asBoolean());
        assertEquals(2.0, rows.get("rows").get(0).get("energy").asDouble());
        assertEquals(1767225600L, rows.get("rows").get(0).get("t").asLong());
        assertEquals(400, get(url + "/api/history?by=week", "Cookie", s.cookie()).statusCode());
    }

    @Test
    void a_separate_metrics_listener_serves_only_metrics() throws Exception {
        console = WebConsole.start(service, new WebConfig(Optional.of(new WebConfig.Listen("127.0.0.1", 0)),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(new WebConfig.Listen("127.0.0.1",
                0))), Optional.empty(), SystemClock.instance());
        String metrics = "http://127.0.0.1:" + console.metricsAddress().orElseThrow().getPort();
        assertTrue(get(metrics + "/metrics").body().contains("openkws_voltage_volts 230.0"));
        assertEquals(404, get(metrics + "/").statusCode());
        assertEquals(404, get(metrics + "/api/session").statusCode());
    }

    @Test
    void tls_serves_https_from_a_pem_certificate_and_key(@TempDir Path dir) throws Exception {
        Path certPem = Files.copy(Path.of("src/test/resources/web/test-only-cert.pem"), dir.resolve("cert.pem"));
        Path keyPem = Files.copy(Path.of("src/test/resources/web/test-only-key.pem"), dir.resolve("key.pem"));
        Certificate cert;
        try (InputStream in = Files.newInputStream(certPem)) {
            cert = CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        console = WebConsole.start(service, new WebConfig(Optional.of(new WebConfig.Listen("127.0.0.1", 0)),
                Optional.of("pw"), Optional.of(certPem), Optional.of(keyPem), Optional.empty()), Optional.empty(),
                SystemClock.instance());
        String url = console.url().orElseThrow(() -> new AssertionError(service.health.toString()));
        assertTrue(url.startsWith("https://"), url);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("web", cert);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        HttpClient https = HttpClient.newBuilder().sslContext(ctx).build();
        HttpResponse<String> r = https.send(HttpRequest.newBuilder(URI.create(url + "/api/login"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"password\":\"pw\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Set-Cookie").orElseThrow().contains("; Secure"));

        Files.writeString(keyPem, "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");
        console.close();
        console = WebConsole.start(service, new WebConfig(Optional.of(new WebConfig.Listen("127.0.0.1", 0)),
                Optional.of("pw"), Optional.of(certPem), Optional.of(keyPem), Optional.empty()), Optional.empty(),
                SystemClock.instance());
        assertTrue(console.url().isEmpty());
        assertTrue(service.health.get(WebConsole.PART).startsWith("not started: TLS: "), service.health.toString());
    }

    @Test
    void static_files_come_from_the_jar_with_a_strict_content_security_policy() throws Exception {
        String url = start(Optional.empty());
        HttpResponse<String> index = get(url + "/");
        assertEquals(200, index.statusCode());
        assertTrue(index.body().contains("aria-label=\"Relay\""));
        assertTrue(index.headers().firstValue("Content-Security-Policy").orElse("").contains("script-src 'self'"));
        assertTrue(get(url + "/uplot/uPlot.iife.min.js").body().contains("uPlot"));
        assertEquals(404, get(url + "/../pom.xml").statusCode());
    }
}
