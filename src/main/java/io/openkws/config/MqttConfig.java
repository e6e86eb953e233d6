package io.openkws.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The {@code mqtt} section of the configuration, validated.
 *
 * <p>Exists so the MQTT client receives settings that are already known to be usable (a URL it can connect to,
 * a topic-safe device id, TLS files that exist) and never has to report a config mistake itself.
 *
 * @param url             {@code tcp://host:port}, {@code ssl://host:port}, {@code ws://}, {@code wss://}, or
 *                        {@code embedded} for an in-process broker on 127.0.0.1
 * @param username        broker user name, if any
 * @param password        broker password, if any
 * @param deviceId        the {@code <deviceId>} of topics; empty = derived from the host name by the client
 * @param intervalSeconds how often {@code state} is published (≥ 1 s)
 * @param discoveryPrefix Home Assistant discovery prefix
 * @param caFile          PEM CA certificate(s) to trust for ssl/wss; empty = the JDK's trust store
 * @param clientCert      PEM client certificate for mutual TLS (with {@code clientKey})
 * @param clientKey       PEM private key of {@code clientCert}
 */
public record MqttConfig(String url, Optional<String> username, Optional<String> password,
                         Optional<String> deviceId, double intervalSeconds, String discoveryPrefix,
                         Optional<Path> caFile, Optional<Path> clientCert, Optional<Path> clientKey) {

    /** The {@code url} value that starts the in-process broker. */
    public static final String EMBEDDED = "embedded";

    /** Whether the controller should start its own broker. */
    public boolean embedded() {
        return EMBEDDED.equals(url);
    }

    /** Whether the URL asks for TLS (ssl:// or wss://). */
    public boolean tls() {
        return url.startsWith("ssl://") || url.startsWith("wss://");
    }
}
