package io.openkws.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.openkws.driver.button.Button;
import io.openkws.protect.PowerOnState;
import io.openkws.service.DeviceCommand;
import io.openkws.service.DeviceService;
import io.openkws.service.Outcome;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every request of the console: the page's files, the JSON API under {@code /api/}, the event stream and
 * {@code /metrics}, with the access rules applied before anything else.
 *
 * <p>Exists so the rules are in one place and in one order: files are public (they hold no data); everything under
 * {@code /api/} needs a session (401 otherwise) except log-in and, without a password, getting a session; every
 * POST needs a JSON body of at most {@link #MAX_BODY} bytes (413) that parses (400) and the session's CSRF token
 * (403). Commands go to the device service and come back with its {@link Outcome} unchanged, the same
 * {@code {"command":..,"ok":..,"error":..}} MQTT publishes on {@code result}, with status 200 whether the
 * controller accepted or refused it (4xx means the request itself was wrong). {@code GET /api/session} answers
 * {@code "authenticated":false} rather than 401 so a page that is not logged in yet logs no error.
 */
final class ConsoleHandler implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleHandler.class);

    static final int MAX_BODY = 4096;
    static final String CSRF_HEADER = "X-CSRF-Token";
    private static final long COMMAND_TIMEOUT_SECONDS = 5;
    private static final String CSP = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
            + "script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    private final DeviceService service;
    private final Sessions sessions;
    private final EventHub hub;
    private final LazyMetrics metrics;
    private final StaticResources files;
    private final Optional<HistorySource> history;
    private final boolean secure;
    private final boolean metricsOnly;

    ConsoleHandler(DeviceService service, Sessions sessions, EventHub hub, LazyMetrics metrics, StaticResources files,
                   Optional<HistorySource> history, boolean secure, boolean metricsOnly) {
        this.service = service;
        this.sessions = sessions;
        this.hub = hub;
        this.metrics = metrics;
        this.files = files;
        this.history = history;
        this.secure = secure;
        this.metricsOnly = metricsOnly;
    }

    /** A request that ends in an error response. */
    private static final class Reject extends Exception {
        final int status;

        Reject(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        try (ex) {
            Headers h = ex.getResponseHeaders();
            h.set("X-Content-Type-Options", "nosniff");
            h.set("Referrer-Policy", "no-referrer");
            h.set("X-Frame-Options", "DENY");
            h.set("Cache-Control", "no-store");
            try {
                route(ex);
            } catch (Reject r) {
                send(ex, r.status, Json.error(r.getMessage()));
            } catch (IOException e) {
                LOG.debug("web console: {} {}: {}", ex.getRequestMethod(), ex.getRequestURI().getPath(), e.toString());
            } catch (RuntimeException e) {
                LOG.warn("web console: {} {} failed: {}", ex.getRequestMethod(), ex.getRequestURI().getPath(),
                        e.toString());
                try {
                    send(ex, 500, Json.error("internal error: " + e.getClass().getSimpleName()));
                } catch (IOException | RuntimeException ignored) {
                    // the response may have started already
                }
            }
        }
    }

    private void route(HttpExchange ex) throws IOException, Reject {
        String path = ex.getRequestURI().getPath();
        String method = ex.getRequestMethod();
        if (path.equals("/metrics")) {
            requireMethod(method, "GET");
            metrics(ex);
            return;
        }
        if (metricsOnly) {
            throw new Reject(404, "only /metrics is served here");
        }
        if (!path.startsWith("/api/")) {
            requireMethod(method, "GET", "HEAD");
            StaticResources.Resource file = files.get(path.equals("/index.html") ? "/" : path)
                    .orElseThrow(() -> new Reject(404, "no such page: " + path));
            Headers h = ex.getResponseHeaders();
            h.set("Content-Type", file.contentType());
            h.set("Content-Security-Policy", CSP);
            h.set("Cache-Control", "no-cache");
            if (method.equals("HEAD")) {
                ex.sendResponseHeaders(200, -1);
                return;
            }
            ex.sendResponseHeaders(200, file.body().length);
            ex.getResponseBody().write(file.body());
            return;
        }
        switch (path) {
            case "/api/login" -> {
                requireMethod(method, "POST");
                login(ex, jsonBody(ex));
                return;
            }
            case "/api/session" -> {
                requireMethod(method, "GET");
                session(ex);
                return;
            }
            default -> {
            }
        }
        Sessions.Session session = sessions.find(ex.getRequestHeaders().getFirst("Cookie"))
                .orElseThrow(() -> new Reject(401, "log in first (POST /api/login)"));
        if (method.equals("POST")) {
            JsonNode body = jsonBody(ex);
            if (!Sessions.csrfMatches(session, ex.getRequestHeaders().getFirst(CSRF_HEADER))) {
                throw new Reject(403, "missing or wrong CSRF token (send the " + CSRF_HEADER
                        + " header from GET /api/session)");
            }
            switch (path) {
                case "/api/command" -> command(ex, body);
                case "/api/logout" -> {
                    sessions.logout(session);
                    ex.getResponseHeaders().add("Set-Cookie", cookie("", 0));
                    send(ex, 200, Json.MAPPER.createObjectNode().put("ok", true));
                }
                default -> throw new Reject(404, "no such API: POST " + path);
            }
            return;
        }
        requireMethod(method, "GET");
        switch (path) {
            case "/api/state" -> send(ex, 200, Json.view(service.view()));
            case "/api/info" -> send(ex, 200, Json.info(service.info()));
            case "/api/glass" -> {
                var glass = service.glass().orElseThrow(() -> new Reject(404, "this board has no display"));
                sendText(ex, 200, "application/json", EventHub.glassJson(glass));
            }
            case "/api/events" -> events(ex);
            case "/api/events.jsonl" -> {
                ex.getResponseHeaders().set("Content-Disposition", "attachment; filename=\"openkws-events.jsonl\"");
                StringBuilder out = new StringBuilder();
                hub.recentEvents().forEach(line -> out.append(line).append('\n'));
                sendText(ex, 200, "application/x-ndjson", out.toString());
            }
            case "/api/power" -> send(ex, 200, Json.MAPPER.createObjectNode().put("sampleSeconds",
                    EventHub.SAMPLE_NANOS / 1_000_000_000L).set("samples", hub.powerSamples()));
            case "/api/history" -> history(ex);
            default -> throw new Reject(404, "no such API: GET " + path);
        }
    }

    private void session(HttpExchange ex) throws IOException, Reject {
        Optional<Sessions.Session> existing = sessions.find(ex.getRequestHeaders().getFirst("Cookie"));
        Sessions.Session s;
        if (existing.isPresent()) {
            s = existing.get();
        } else if (!sessions.passwordRequired()) {
            s = sessions.open();
            ex.getResponseHeaders().add("Set-Cookie", cookie(s.id, -1));
        } else {
            send(ex, 200, Json.MAPPER.createObjectNode().put("authenticated", false).put("passwordRequired", true));
            return;
        }
        send(ex, 200, Json.MAPPER.createObjectNode().put("authenticated", true).put("csrf", s.csrf)
                .put("passwordRequired", sessions.passwordRequired()));
    }

    private void login(HttpExchange ex, JsonNode body) throws IOException, Reject {
        JsonNode pw = body.get("password");
        if (pw == null || !pw.isTextual()) {
            throw new Reject(400, "expected {\"password\":\"...\"}");
        }
        String address = ex.getRemoteAddress().getAddress().getHostAddress();
        switch (sessions.login(address, pw.asText())) {
            case Sessions.Login.Ok(Sessions.Session s) -> {
                ex.getResponseHeaders().add("Set-Cookie", cookie(s.id, -1));
                send(ex, 200, Json.MAPPER.createObjectNode().put("authenticated", true).put("csrf", s.csrf)
                        .put("passwordRequired", sessions.passwordRequired()));
            }
            case Sessions.Login.Wrong() -> {
                LOG.warn("web console: wrong password from {}", address);
                throw new Reject(401, "wrong password");
            }
            case Sessions.Login.Limited(long retry) -> {
                ex.getResponseHeaders().set("Retry-After", Long.toString(retry));
                throw new Reject(429, "too many wrong passwords: try again in " + retry + " s");
            }
        }
    }

    private void command(HttpExchange ex, JsonNode body) throws IOException, Reject {
        DeviceCommand command = parseCommand(body);
        Outcome outcome;
        try {
            outcome = service.execute(command).toCompletableFuture().get(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new Reject(504, "the controller did not answer within " + COMMAND_TIMEOUT_SECONDS + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Reject(503, "the console is stopping");
        } catch (ExecutionException e) {
            throw new Reject(500, "the command failed: " + e.getCause());
        }
        String name = command instanceof DeviceCommand.ChangeSetting(String setting, double value) ? setting
                : command.name();
        send(ex, 200, Json.result(name, outcome.ok(), outcome.error()));
    }

    /** The command a JSON body asks for: {@code {"name":..,"value":..}} ({@code button} has button and down). */
    DeviceCommand parseCommand(JsonNode body) throws Reject {
        JsonNode nameNode = body.get("name");
        if (nameNode == null || !nameNode.isTextual()) {
            throw new Reject(400, "expected {\"name\":\"relay\",\"value\":\"on\"} (name: relay, a setting, "
                    + "powerOnState, resetEnergy, resetLockout, button)");
        }
        String name = nameNode.asText();
        JsonNode value = body.path("value");
        return switch (name) {
            case "relay" -> switch (value.asText().toLowerCase(Locale.ROOT)) {
                case "on", "1", "true" -> new DeviceCommand.Relay(true);
                case "off", "0", "false" -> new DeviceCommand.Relay(false);
                case "toggle" -> new DeviceCommand.ToggleRelay();
                default -> throw new Reject(400, "relay: '" + value.asText() + "' is not on, off or toggle");
            };
            case "powerOnState" -> {
                String v = value.asText().toLowerCase(Locale.ROOT);
                for (PowerOnState s : PowerOnState.values()) {
                    if (s.wire().equals(v)) {
                        yield new DeviceCommand.SetPowerOnState(s);
                    }
                }
                throw new Reject(400, "powerOnState: '" + value.asText() + "' is not off, on or memory");
            }
            case "resetEnergy" -> new DeviceCommand.ResetEnergy();
            case "resetLockout" -> new DeviceCommand.ResetLockout();
            case "button" -> {
                Button button;
                try {
                    button = Button.fromKey(body.path("button").asText());
                } catch (IllegalArgumentException e) {
                    throw new Reject(400, e.getMessage());
                }
                JsonNode down = body.get("down");
                if (down == null || !down.isBoolean()) {
                    throw new Reject(400, "button: \"down\" must be true or false");
                }
                yield new DeviceCommand.PressButton(button, down.asBoolean());
            }
            default -> {
                if (service.info().setting(name).isEmpty()) {
                    throw new Reject(400, "unknown command '" + name + "'");
                }
                double number;
                if (value.isNumber()) {
                    number = value.asDouble();
                } else if (value.isTextual()) {
                    try {
                        number = Double.parseDouble(value.asText().trim());
                    } catch (NumberFormatException e) {
                        throw new Reject(400, name + ": '" + value.asText() + "' is not a number");
                    }
                } else {
                    throw new Reject(400, name + ": \"value\" must be a number");
                }
                yield new DeviceCommand.ChangeSetting(name, number);
            }
        };
    }

    private void events(HttpExchange ex) throws IOException {
        Headers h = ex.getResponseHeaders();
        h.set("Content-Type", "text/event-stream; charset=utf-8");
        h.set("Cache-Control", "no-store");
        h.set("X-Accel-Buffering", "no");
        ex.sendResponseHeaders(200, 0);
        EventHub.Client client = hub.open();
        OutputStream out = ex.getResponseBody();
        try {
            while (true) {
                String message = client.queue.take();
                if (message == EventHub.END) {
                    break;
                }
                out.write(message.getBytes(StandardCharsets.UTF_8));
                if (client.queue.isEmpty()) {
                    out.flush();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            hub.close(client);
        }
    }

    private void history(HttpExchange ex) throws IOException, Reject {
        String query = Optional.ofNullable(ex.getRequestURI().getQuery()).orElse("");
        String by = "hour";
        int count = 48;
        for (String part : query.split("&")) {
            if (part.startsWith("by=")) {
                by = part.substring(3);
            } else if (part.startsWith("count=")) {
                try {
                    count = Integer.parseInt(part.substring(6));
                } catch (NumberFormatException e) {
                    throw new Reject(400, "count must be a whole number");
                }
            }
        }
        HistorySource.Resolution resolution = switch (by) {
            case "hour" -> HistorySource.Resolution.HOUR;
            case "day" -> HistorySource.Resolution.DAY;
            case "month" -> HistorySource.Resolution.MONTH;
            default -> throw new Reject(400, "by must be hour, day or month");
        };
        if (count < 1 || count > 10_000) {
            throw new Reject(400, "count must be 1 to 10000");
        }
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("by", by);
        o.put("available", history.isPresent());
        ArrayNode rows = o.putArray("rows");
        if (history.isPresent()) {
            try {
                history.get().latest(resolution, count).forEach(r -> rows.add(Json.historyRow(r)));
            } catch (Exception e) {
                LOG.warn("web console: history read failed: {}", e.toString());
                throw new Reject(503, "history unavailable: " + e.getMessage());
            }
        }
        send(ex, 200, o);
    }

    private void metrics(HttpExchange ex) throws IOException, Reject {
        if (sessions.passwordRequired()) {
            boolean ok = sessions.basicAuth(ex.getRequestHeaders().getFirst("Authorization"))
                    || sessions.find(ex.getRequestHeaders().getFirst("Cookie")).isPresent();
            if (!ok) {
                ex.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"openkws\", charset=\"UTF-8\"");
                throw new Reject(401, "metrics need the web password (HTTP basic auth, any user name)");
            }
        }
        Metrics m = metrics.get();
        byte[] body = m.scrape();
        ex.getResponseHeaders().set("Content-Type", m.contentType());
        ex.sendResponseHeaders(200, body.length);
        ex.getResponseBody().write(body);
    }

    /** Most bytes of an oversized request body read (and dropped) so that the client sees its 413. */
    static final long DRAIN_LIMIT = 4L << 20;

    private static JsonNode jsonBody(HttpExchange ex) throws IOException, Reject {
        String length = ex.getRequestHeaders().getFirst("Content-Length");
        if (length != null) {
            try {
                if (Long.parseLong(length.trim()) > MAX_BODY) {
                    throw tooLarge(ex);
                }
            } catch (NumberFormatException e) {
                throw new Reject(400, "bad Content-Length");
            }
        }
        byte[] bytes = ex.getRequestBody().readNBytes(MAX_BODY + 1);
        if (bytes.length > MAX_BODY) {
            throw tooLarge(ex);
        }
        String type = Optional.ofNullable(ex.getRequestHeaders().getFirst("Content-Type")).orElse("");
        if (!type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new Reject(415, "send JSON with Content-Type: application/json");
        }
        try {
            JsonNode node = Json.MAPPER.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw new Reject(400, "bad JSON: expected an object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new Reject(400, "bad JSON: " + e.getOriginalMessage().lines().findFirst().orElse("unreadable"));
        }
    }

    /**
     * Reads and drops the rest of an oversized body, up to {@link #DRAIN_LIMIT}, before the 413 goes out: a client
     * still sending would otherwise see the connection reset instead of the answer (the server closes it after a
     * 413). A body beyond that limit gets the reset.
     */
    private static Reject tooLarge(HttpExchange ex) throws IOException {
        InputStream in = ex.getRequestBody();
        byte[] scratch = new byte[8192];
        long dropped = 0;
        int n;
        while (dropped < DRAIN_LIMIT
                && (n = in.read(scratch, 0, (int) Math.min(scratch.length, DRAIN_LIMIT - dropped))) >= 0) {
            dropped += n;
        }
        ex.getResponseHeaders().set("Connection", "close");
        return new Reject(413, "request body over " + MAX_BODY + " bytes");
    }

    private static void requireMethod(String method, String... allowed) throws Reject {
        for (String a : allowed) {
            if (a.equals(method)) {
                return;
            }
        }
        throw new Reject(405, method + " is not allowed here (use " + String.join(" or ", allowed) + ")");
    }

    private String cookie(String value, int maxAgeSeconds) {
        return Sessions.COOKIE + "=" + value + "; Path=/; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "")
                + (maxAgeSeconds >= 0 ? "; Max-Age=" + maxAgeSeconds : "");
    }

    private static void send(HttpExchange ex, int status, JsonNode body) throws IOException {
        sendText(ex, status, "application/json", body.toString());
    }

    private static void sendText(HttpExchange ex, int status, String type, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }
}
