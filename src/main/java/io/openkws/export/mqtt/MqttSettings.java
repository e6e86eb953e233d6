package io.openkws.export.mqtt;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The user's MQTT settings, already validated by the configuration loader.
 *
 * <p>Exists so the exporter takes plain, typed inputs and never reads YAML itself. {@code url} is
 * {@code tcp://host:port}, {@code ssl://host:port} or {@link #EMBEDDED} (an in-process broker on 127.0.0.1, see
 * {@link EmbeddedBroker}). {@code username}, {@code password}, {@code caFile}, {@code clientCertFile} and
 * {@code clientKeyFile} may be null. TLS files are PEM; the key is unencrypted PKCS#8.
 *
 * @param intervalSeconds how often the {@code state} topic is published, at least 1
 */
public record MqttSettings(String url, String username, String password, String deviceId, double intervalSeconds,
        String discoveryPrefix, Path caFile, Path clientCertFile, Path clientKeyFile) {

    /** The {@code url} value that asks for the in-process broker. */
    public static final String EMBEDDED = "embedded";

    public static final String DEFAULT_DISCOVERY_PREFIX = "homeassistant";

    public MqttSettings {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("mqtt url is empty");
        }
        if (!url.equals(EMBEDDED) && !url.startsWith("tcp://") && !url.startsWith("ssl://")) {
            throw new IllegalArgumentException("mqtt url must start with tcp:// or ssl:// or be \"embedded\": " + url);
        }
        deviceId = deviceId == null || deviceId.isBlank() ? defaultDeviceId() : sanitizeDeviceId(deviceId);
        if (!(intervalSeconds >= 1) || !Double.isFinite(intervalSeconds)) {
            throw new IllegalArgumentException("mqtt interval must be at least 1 s: " + intervalSeconds);
        }
        discoveryPrefix = discoveryPrefix == null || discoveryPrefix.isBlank()
                ? DEFAULT_DISCOVERY_PREFIX : discoveryPrefix;
        if (discoveryPrefix.contains("#") || discoveryPrefix.contains("+")) {
            throw new IllegalArgumentException("mqtt discoveryPrefix must not contain wildcards: " + discoveryPrefix);
        }
        if ((clientCertFile == null) != (clientKeyFile == null)) {
            throw new IllegalArgumentException("mqtt clientCertFile and clientKeyFile go together");
        }
    }

    /** Settings with defaults for everything but the broker URL. */
    public static MqttSettings of(String url, String deviceId) {
        return new MqttSettings(url, null, null, deviceId, 10.0, DEFAULT_DISCOVERY_PREFIX, null, null, null);
    }

    public MqttSettings withUrl(String newUrl) {
        return new MqttSettings(newUrl, username, password, deviceId, intervalSeconds, discoveryPrefix, caFile,
                clientCertFile, clientKeyFile);
    }

    public MqttSettings withInterval(double seconds) {
        return new MqttSettings(url, username, password, deviceId, seconds, discoveryPrefix, caFile,
                clientCertFile, clientKeyFile);
    }

    public boolean embedded() {
        return url.equals(EMBEDDED);
    }

    public boolean tls() {
        return url.startsWith("ssl://");
    }

    /** The URI the client connects to; for {@link #EMBEDDED}, the embedded broker on its default port. */
    public String serverUri() {
        return embedded() ? "tcp://127.0.0.1:" + EmbeddedBroker.DEFAULT_PORT : url;
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
        return "MqttSettings[url=" + url + ", username=" + username + ", password=" + (password == null ? null : "***")
                + ", deviceId=" + deviceId + ", intervalSeconds=" + intervalSeconds + ", discoveryPrefix="
                + discoveryPrefix + ", caFile=" + caFile + ", clientCertFile=" + clientCertFile + ", clientKeyFile="
                + clientKeyFile + "]";
    }
}
