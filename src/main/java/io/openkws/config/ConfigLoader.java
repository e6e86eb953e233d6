package io.openkws.config;

import io.openkws.UserInput;
import io.openkws.yaml.ConfNode;
import io.openkws.meter.history.Retention;
import io.openkws.protect.PowerOnState;
import io.openkws.protect.ProtectionSettings;
import io.openkws.protect.SettingSpec;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns a parsed configuration file into a {@link Config}, key by key.
 *
 * <p>Exists to keep the mapping from YAML paths to settings in one place, validated against the same
 * {@link SettingSpec} ranges the menus and MQTT use ({@link ProtectionSettings#ALL_SPECS}).
 */
final class ConfigLoader {

    private static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern TUYA_PRODUCT_KEY = Pattern.compile("[A-Za-z0-9]{1,32}");
    private static final Pattern MCU_VERSION = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){1,3}");

    private ConfigLoader() {
    }

    static Config read(ConfNode root) {
        root.allowOnly("board", "protection", "relay", "mqtt", "state", "watchdog", "display", "tuyamcu",
                "history", "web");
        String board = root.string("board", Config.SIM).trim();
        if (board.isEmpty()) {
            throw root.child("board").error("must be \"sim\" or a board directory such as hardware/kws302wf");
        }
        ProtectionSettings protection = protection(root.section("protection"));
        ConfNode relay = root.section("relay").allowOnly("powerOnState");
        PowerOnState powerOn = PowerOnState.valueOf(
                relay.choice("powerOnState", "memory", "off", "on", "memory").toUpperCase(Locale.ROOT));
        MqttConfig mqtt = mqtt(root.section("mqtt"));
        Path state = root.optChild("state").map(ConfigLoader::path).orElse(Path.of("state"));
        Optional<Path> watchdog = root.optChild("watchdog").map(ConfigLoader::path);
        ConfNode display = root.section("display").allowOnly("screenTimeout");
        double screenTimeout = display.number("screenTimeout", 0, 0, 1440);
        ConfNode history = root.section("history").allowOnly("keepHours", "keepDays");
        Retention retention = new Retention(
                (int) history.integer("keepHours", Retention.DEFAULT_KEEP_HOURS, 24, 876_600),
                (int) history.integer("keepDays", Retention.DEFAULT_KEEP_DAYS, 1, 36_525));
        return new Config(board, protection, powerOn, mqtt, state, watchdog, new Config.DisplayConfig(screenTimeout),
                tuyamcu(root.section("tuyamcu")), retention, web(root.section("web")));
    }

    private static TuyaMcuConfig tuyamcu(ConfNode t) {
        t.allowOnly("port", "baud", "productKey", "version");
        Optional<String> port = t.optChild("port").map(n -> {
            String text = n.text().trim();
            if (text.isEmpty() || text.chars().anyMatch(Character::isWhitespace)) {
                throw n.error("'" + text + "' must be a serial device path such as /dev/ttyAMA1");
            }
            return text;
        });
        int baud = TuyaMcuConfig.STOCK_BAUD;
        Optional<ConfNode> baudNode = t.optChild("baud");
        if (baudNode.isPresent()) {
            baud = (int) baudNode.get().asLong(1, 4_000_000);
            if (!TuyaMcuConfig.BAUDS.contains(baud)) {
                throw baudNode.get().error(baud + " is not one of " + TuyaMcuConfig.BAUDS.stream()
                        .map(String::valueOf).collect(Collectors.joining(", ")));
            }
        }
        String key = t.optChild("productKey").map(n -> {
            String k = n.text().trim();
            if (!TUYA_PRODUCT_KEY.matcher(k).matches()) {
                throw n.error("'" + k + "' must be a Tuya product id: 1 to 32 letters and digits");
            }
            return k;
        }).orElse(TuyaMcuConfig.STOCK_PRODUCT_KEY);
        String version = t.optChild("version").map(n -> {
            String v = n.text().trim();
            if (!MCU_VERSION.matcher(v).matches()) {
                throw n.error("'" + v + "' must be a version such as 0.2.1 (digits and dots)");
            }
            return v;
        }).orElse(TuyaMcuConfig.STOCK_VERSION);
        return new TuyaMcuConfig(port, baud, key, version);
    }

    private static ProtectionSettings protection(ConfNode p) {
        p.allowOnly("overVoltage", "underVoltage", "overCurrent", "overPower", "recoveryDelay", "overloadRetries",
                "overloadRetryDelay", "meterTimeout", "countdown");
        Map<String, Double> values = new LinkedHashMap<>();
        ConfNode ov = p.section("overVoltage").allowOnly("limit", "tripDelay", "hysteresis");
        put(values, ov, "limit", "overVoltage");
        put(values, ov, "tripDelay", "overVoltageDelay");
        put(values, ov, "hysteresis", "overVoltageHysteresis");
        ConfNode uv = p.section("underVoltage").allowOnly("limit", "tripDelay", "hysteresis");
        put(values, uv, "limit", "underVoltage");
        put(values, uv, "tripDelay", "underVoltageDelay");
        put(values, uv, "hysteresis", "underVoltageHysteresis");
        ConfNode oc = p.section("overCurrent").allowOnly("limit", "tripDelay", "instantFactor", "inrushBlanking");
        put(values, oc, "limit", "overCurrent");
        put(values, oc, "tripDelay", "overCurrentDelay");
        put(values, oc, "instantFactor", "instantFactor");
        put(values, oc, "inrushBlanking", "inrushBlanking");
        ConfNode op = p.section("overPower").allowOnly("limit", "tripDelay");
        put(values, op, "limit", "overPower");
        put(values, op, "tripDelay", "overPowerDelay");
        put(values, p, "recoveryDelay", "recoveryDelay");
        SettingSpec retries = ProtectionSettings.anySpec("overloadRetries").orElseThrow();
        values.put("overloadRetries", (double) p.integer("overloadRetries",
                ProtectionSettings.DEFAULTS.overloadRetries(), (long) retries.min(), (long) retries.max()));
        put(values, p, "overloadRetryDelay", "overloadRetryDelay");
        put(values, p, "meterTimeout", "meterTimeout");
        put(values, p, "countdown", "countdown");
        ProtectionSettings settings = ProtectionSettings.of(values);
        settings.problem().ifPresent(problem -> {
            throw p.error(problem);
        });
        return settings;
    }

    private static void put(Map<String, Double> values, ConfNode section, String key, String setting) {
        SettingSpec spec = ProtectionSettings.anySpec(setting).orElseThrow();
        double fallback = ProtectionSettings.DEFAULTS.get(setting);
        values.put(setting, section.number(key, fallback, spec.min(), spec.max()));
    }

    private static MqttConfig mqtt(ConfNode m) {
        m.allowOnly("url", "username", "password", "deviceId", "interval", "discoveryPrefix", "caFile", "clientCert",
                "clientKey");
        String url = m.string("url", MqttConfig.DEFAULT_URL).trim();
        m.optChild("url").ifPresent(n -> MqttConfig.urlProblem(url).ifPresent(problem -> {
            throw n.error(problem);
        }));
        Optional<String> username = m.optChild("username").map(ConfNode::text);
        Optional<String> password = m.optChild("password").map(ConfNode::text);
        Optional<String> deviceId = m.optChild("deviceId").map(n -> {
            String id = n.text().trim();
            if (!DEVICE_ID.matcher(id).matches()) {
                throw n.error("'" + UserInput.shown(id) + "' must be 1 to 64 letters, digits, '_' or '-'");
            }
            return id;
        });
        double interval = m.number("interval", 10.0, 1, 86400);
        String prefix = m.string("discoveryPrefix", "homeassistant").trim();
        if (prefix.isEmpty() || prefix.contains("+") || prefix.contains("#") || prefix.startsWith("/")
                || prefix.endsWith("/") || prefix.chars().anyMatch(Character::isWhitespace)) {
            throw m.child("discoveryPrefix").error("'" + UserInput.shown(prefix)
                    + "' must be a topic prefix without spaces, wildcards or leading/trailing '/'");
        }
        Optional<Path> ca = m.optChild("caFile").map(ConfigLoader::readableFile);
        Optional<Path> cert = m.optChild("clientCert").map(ConfigLoader::readableFile);
        Optional<Path> key = m.optChild("clientKey").map(ConfigLoader::readableFile);
        boolean tls = url.startsWith("ssl://");
        for (String k : List.of("caFile", "clientCert", "clientKey")) {
            if (m.has(k) && !tls) {
                throw m.child(k).error("needs an ssl:// url");
            }
        }
        if (cert.isPresent() != key.isPresent()) {
            throw (cert.isPresent() ? m.child("clientCert") : m.child("clientKey"))
                    .error("clientCert and clientKey go together");
        }
        return new MqttConfig(url, username, password, deviceId, interval, prefix, ca, cert, key);
    }

    private static WebConfig web(ConfNode w) {
        w.allowOnly("listen", "password", "tls", "metrics");
        Optional<WebConfig.Listen> listen = w.optChild("listen").isEmpty() ? WebConfig.DEFAULTS.listen()
                : listen(w.child("listen"), true);
        Optional<String> password = w.optChild("password").map(n -> {
            if (n.text().isEmpty()) {
                throw n.error("is empty (leave the key out for no password)");
            }
            return n.text();
        });
        ConfNode tls = w.section("tls").allowOnly("cert", "key");
        Optional<Path> cert = tls.optChild("cert").map(ConfigLoader::readableFile);
        Optional<Path> key = tls.optChild("key").map(ConfigLoader::readableFile);
        if (cert.isPresent() != key.isPresent()) {
            throw (cert.isPresent() ? tls.child("cert") : tls.child("key")).error("cert and key go together");
        }
        ConfNode metrics = w.section("metrics").allowOnly("listen");
        Optional<WebConfig.Listen> metricsListen = metrics.optChild("listen").flatMap(n -> listen(n, false));
        return new WebConfig(listen, password, cert, key, metricsListen);
    }

    private static Optional<WebConfig.Listen> listen(ConfNode node, boolean offAllowed) {
        String text = node.text().trim();
        if (offAllowed && (text.equalsIgnoreCase("off") || text.equalsIgnoreCase("false"))) {
            return Optional.empty();
        }
        try {
            return Optional.of(WebConfig.Listen.parse(text));
        } catch (IllegalArgumentException e) {
            throw node.error(UserInput.capQuoted(e.getMessage()));
        }
    }

    private static Path path(ConfNode node) {
        String text = node.text().trim();
        try {
            if (text.isEmpty()) {
                throw node.error("is empty");
            }
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw node.error("'" + UserInput.shown(text) + "' is not a valid path");
        }
    }

    private static Path readableFile(ConfNode node) {
        Path p = path(node);
        if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
            throw node.error("'" + UserInput.shown(String.valueOf(p)) + "' is not a readable file");
        }
        return p;
    }
}
