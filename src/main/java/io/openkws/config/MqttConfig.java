package io.openkws.config;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code mqtt} section of the configuration, validated: the one MQTT settings type of the program.
 *
 * <p>Exists so the MQTT front-end receives settings that are already known to be usable (a URL it can connect to,
 * a topic-safe device id, TLS files that exist) and never has to report a config mistake itself. The URL rules live
 * here once ({@link #urlProblem}); the config loader reports them with file, line and key, and the constructor
 * refuses the same URLs with the same sentence, so no second validator can disagree. {@link #toString()} never
 * shows the password.
 *
 * @param url             {@code tcp://host[:port]}, {@code ssl://host[:port]}, or {@code embedded} for an
 *                        in-process broker on 127.0.0.1 ({@code ws://}/{@code wss://} are refused: the client
 *                        library has no websocket transport in this build)
 * @param username        broker user name, if any
 * @param password        broker password, if any
 * @param deviceId        the {@code <deviceId>} of topics; empty = derived from the host name
 *                        ({@link #effectiveDeviceId()})
 * @param intervalSeconds how often {@code state} is published (≥ 1 s)
 * @param discoveryPrefix Home Assistant discovery prefix
 * @param caFile          PEM CA certificate(s) to trust for ssl; empty = the JDK's trust store
 * @param clientCert      PEM client certificate for mutual TLS (with {@code clientKey})
 * @param clientKey       PEM private key of {@code clientCert} (unencrypted PKCS#8)
 */
public record MqttConfig(String url, Optional<String> username, Optional<String> password,
                         Optional<String> deviceId, double intervalSeconds, String discoveryPrefix,
                         Optional<Path> caFile, Optional<Path> clientCert, Optional<Path> clientKey) {

    /** The {@code url} value that starts the in-process broker. */
    public static final String EMBEDDED = "embedded";

    /** The broker URL when the config names none. */
    public static final String DEFAULT_URL = "tcp://127.0.0.1:1883";

    /** The Home Assistant discovery prefix when the config names none. */
    public static final String DEFAULT_DISCOVERY_PREFIX = "homeassistant";

    public MqttConfig {
        Objects.requireNonNull(url, "url");
        url = url.strip();
        urlProblem(url).ifPresent(problem -> {
            throw new IllegalArgumentException("mqtt.url " + problem);
        });
        username = Objects.requireNonNullElse(username, Optional.empty());
        password = Objects.requireNonNullElse(password, Optional.empty());
        deviceId = Objects.requireNonNullElse(deviceId, Optional.<String>empty()).filter(id -> !id.isBlank());
        if (!(intervalSeconds >= 1) || !Double.isFinite(intervalSeconds)) {
            throw new IllegalArgumentException("mqtt.interval must be at least 1 s: " + intervalSeconds);
        }
        discoveryPrefix = discoveryPrefix == null || discoveryPrefix.isBlank() ? DEFAULT_DISCOVERY_PREFIX
                : discoveryPrefix;
        if (discoveryPrefix.contains("#") || discoveryPrefix.contains("+")) {
            throw new IllegalArgumentException("mqtt.discoveryPrefix must not contain wildcards: " + discoveryPrefix);
        }
        caFile = Objects.requireNonNullElse(caFile, Optional.empty());
        clientCert = Objects.requireNonNullElse(clientCert, Optional.empty());
        clientKey = Objects.requireNonNullElse(clientKey, Optional.empty());
        if (clientCert.isPresent() != clientKey.isPresent()) {
            throw new IllegalArgumentException("mqtt clientCert and clientKey go together");
        }
    }

    /** Settings with defaults for everything but the broker URL and the device id (null = from the host name). */
    public static MqttConfig of(String url, String deviceId) {
        return new MqttConfig(url, Optional.empty(), Optional.empty(), Optional.ofNullable(deviceId), 10.0,
                DEFAULT_DISCOVERY_PREFIX, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /**
     * Why {@code url} cannot be used as {@code mqtt.url}, as the end of a sentence that starts with the key
     * ("'ws://x:1' ... "), or empty when it can. The URL is quoted without any user information it carries.
     */
    public static Optional<String> urlProblem(String url) {
        if (url == null || url.isBlank()) {
            return Optional.of("is empty; e.g. " + DEFAULT_URL + " or \"embedded\"");
        }
        String text = url.strip();
        if (text.equals(EMBEDDED)) {
            return Optional.empty();
        }
        String problem;
        URI uri = null;
        try {
            uri = new URI(text);
            String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
            if ("ws".equals(scheme) || "wss".equals(scheme)) {
                problem = "uses " + scheme + "://, which openkws does not support (MQTT over websockets); use tcp://"
                        + " or ssl:// to the broker's MQTT port";
            } else if (!"tcp".equals(scheme) && !"ssl".equals(scheme)) {
                problem = "the scheme must be tcp or ssl (or the url \"embedded\")";
            } else if (uri.getRawUserInfo() != null) {
                problem = "carries credentials; put them in mqtt.username and mqtt.password instead";
            } else if (uri.getHost() == null) {
                problem = "has no host (or a port outside 1 to 65535)";
            } else if (uri.getPort() != -1 && (uri.getPort() < 1 || uri.getPort() > 65535)) {
                problem = "has port " + uri.getPort() + ", outside 1 to 65535";
            } else if ((uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")) || uri.getRawQuery() != null
                    || uri.getRawFragment() != null) {
                problem = "must be just scheme://host:port, without a path or query";
            } else {
                problem = null;
            }
        } catch (URISyntaxException e) {
            problem = "is not a URL";
        }
        if (problem == null) {
            return Optional.empty();
        }
        return Optional.of("'" + redacted(text, uri) + "' " + problem + ", e.g. " + DEFAULT_URL);
    }

    /** {@code url} with any {@code user:password@} replaced by {@code ***@}, for messages and logs. */
    public static String redacted(String url) {
        if (url == null) {
            return null;
        }
        try {
            return redacted(url, new URI(url.strip()));
        } catch (URISyntaxException e) {
            return redacted(url, null);
        }
    }

    private static String redacted(String text, URI uri) {
        String shown = text;
        if (uri != null && uri.getRawUserInfo() != null) {
            shown = text.replace(uri.getRawUserInfo() + "@", "***@");
        } else {
            int at = text.lastIndexOf('@');
            int scheme = text.indexOf("://");
            if (at > 0 && scheme >= 0 && at > scheme) {
                shown = text.substring(0, scheme + 3) + "***" + text.substring(at);
            }
        }
        return shown.length() > 200 ? shown.substring(0, 200) + "…" : shown;
    }

    /** Whether the controller should start its own broker. */
    public boolean embedded() {
        return EMBEDDED.equals(url);
    }

    /** Whether the URL asks for TLS. */
    public boolean tls() {
        return url.startsWith("ssl://");
    }

    /** The configured device id, else the host name, sanitised to letters, digits, '_' and '-'. */
    public String effectiveDeviceId() {
        return deviceId.map(MqttConfig::sanitizeDeviceId).orElseGet(MqttConfig::defaultDeviceId);
    }

    /** The same settings with another broker URL (the embedded broker's real address). */
    public MqttConfig withUrl(String newUrl) {
        return new MqttConfig(newUrl, username, password, deviceId, intervalSeconds, discoveryPrefix, caFile,
                clientCert, clientKey);
    }

    /** The same settings with another {@code state} interval. */
    public MqttConfig withInterval(double seconds) {
        return new MqttConfig(url, username, password, deviceId, seconds, discoveryPrefix, caFile, clientCert,
                clientKey);
    }

    /** The same settings with credentials. */
    public MqttConfig withCredentials(String user, String secret) {
        return new MqttConfig(url, Optional.ofNullable(user), Optional.ofNullable(secret), deviceId, intervalSeconds,
                discoveryPrefix, caFile, clientCert, clientKey);
    }

    /** The same settings with TLS files (null = none). */
    public MqttConfig withTls(Path ca, Path cert, Path key) {
        return new MqttConfig(url, username, password, deviceId, intervalSeconds, discoveryPrefix,
                Optional.ofNullable(ca), Optional.ofNullable(cert), Optional.ofNullable(key));
    }

    /** Lower-case letters, digits, '_' and '-' only; anything else becomes '_'; at most 64 characters. */
    public static String sanitizeDeviceId(String raw) {
        String lower = raw.strip().toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lower.length() && out.length() < 64; i++) {
            char c = lower.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
            out.append(ok ? c : '_');
        }
        return out.isEmpty() ? "openkws" : out.toString();
    }

    /** The host name, sanitised; "openkws" when the host has no usable name. */
    public static String defaultDeviceId() {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                host = "openkws";
            }
        }
        String shortName = host.contains(".") ? host.substring(0, host.indexOf('.')) : host;
        return sanitizeDeviceId(shortName);
    }

    @Override
    public String toString() {
        return "MqttConfig[url=" + redacted(url) + ", username=" + username.orElse(null) + ", password="
                + password.map(p -> "***").orElse(null) + ", deviceId=" + deviceId.orElse(null) + ", intervalSeconds="
                + intervalSeconds + ", discoveryPrefix=" + discoveryPrefix + ", caFile=" + caFile.orElse(null)
                + ", clientCert=" + clientCert.orElse(null) + ", clientKey=" + clientKey.orElse(null) + "]";
    }
}
